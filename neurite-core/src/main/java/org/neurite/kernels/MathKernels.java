package org.neurite.kernels;

/**
 * Elementwise operations and reductions over contiguous runs of {@code float[]}.
 *
 * <p>Every method reads {@code n} elements starting at the given offsets and, where there is an
 * output, writes {@code n} elements of {@code out} starting at {@code oo}. The output may be the same
 * run as an input (in-place use is allowed). Two implementations exist: {@link ScalarMathKernels},
 * the plain-loop reference and test oracle, and {@link SimdMathKernels}, on the Vector API.
 * {@link Kernels#math()} picks one once, at start-up.
 *
 * <p>Broadcasting, strides and shapes are the tensor layer's business, not this one's.
 */
public interface MathKernels {
    // ----- binary: out[i] = a[i] op b[i]
    void add(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n);

    void sub(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n);

    void mul(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n);

    void div(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n);

    void max(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n);

    void min(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n);

    // ----- with a scalar: out[i] = a[i] op s
    void addScalar(float[] a, int ao, float s, float[] out, int oo, int n);

    void mulScalar(float[] a, int ao, float s, float[] out, int oo, int n);

    /** {@code out[i] = a[i]^p}. */
    void powScalar(float[] a, int ao, float p, float[] out, int oo, int n);

    // ----- unary: out[i] = f(a[i])
    void neg(float[] a, int ao, float[] out, int oo, int n);

    void abs(float[] a, int ao, float[] out, int oo, int n);

    void exp(float[] a, int ao, float[] out, int oo, int n);

    void log(float[] a, int ao, float[] out, int oo, int n);

    void sqrt(float[] a, int ao, float[] out, int oo, int n);

    void square(float[] a, int ao, float[] out, int oo, int n);

    void reciprocal(float[] a, int ao, float[] out, int oo, int n);

    void tanh(float[] a, int ao, float[] out, int oo, int n);

    /** {@code 1 / (1 + exp(-a))}, computed without overflow for large {@code |a|}. */
    void sigmoid(float[] a, int ao, float[] out, int oo, int n);

    void relu(float[] a, int ao, float[] out, int oo, int n);

    /**
     * Below this magnitude {@link #flushTiny} sets a value to zero: the square root of
     * {@link Float#MIN_NORMAL}, about 1.08e-19, so that the product of two values that are not
     * flushed is never subnormal.
     */
    float TINY = 0x1p-63f;

    /**
     * Sets the values among {@code x[xo, xo+n)} smaller in magnitude than {@link #TINY} to zero of
     * the same sign, in place. Why: on x86 a multiply-add whose operand or result is subnormal (below
     * {@link Float#MIN_NORMAL}) runs about a hundred times slower, and Java cannot set the
     * processor's flush-to-zero mode as TensorFlow does. A gradient fading through the steps of a
     * recurrent layer passes through that range for dozens of steps, and while it is merely tiny its
     * products with activations land there. Values this small are 16 orders of magnitude below
     * any gradient that moves a weight.
     */
    void flushTiny(float[] x, int xo, int n);

    // ----- derivative helpers used by backward passes
    /** {@code out[i] = x[i] > 0 ? g[i] : 0}. */
    void reluBackward(float[] x, int xo, float[] g, int go, float[] out, int oo, int n);

    /** Given {@code y = tanh(x)}: {@code out[i] = g[i] * (1 - y[i]^2)}. */
    void tanhBackward(float[] y, int yo, float[] g, int go, float[] out, int oo, int n);

    /** Given {@code y = sigmoid(x)}: {@code out[i] = g[i] * y[i] * (1 - y[i])}. */
    void sigmoidBackward(float[] y, int yo, float[] g, int go, float[] out, int oo, int n);

    // ----- accumulation
    /** {@code y[i] += alpha * x[i]}. */
    void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n);

    // ----- fused recurrent cells
    /**
     * One row of an LSTM step backward, given the activated gates {@code g[go...]} (Keras' order i,
     * f, c, o, four blocks of {@code n}), the previous cell state {@code c[cPrev...]}, and, at
     * {@code so}, {@code tc = tanh(c_next)} and the gradients {@code dh}, {@code dc} w.r.t. the new
     * states: writes the gate gradients {@code dz[go...]} (laid out as g) and replaces {@code dc}
     * with the gradient w.r.t. the previous cell state:
     * {@code dc' = dc + dh·o·(1 - tc²)}; {@code dz_i = dc'·g·i(1-i)}, {@code dz_f = dc'·c_prev·f(1-f)},
     * {@code dz_c = dc'·i·(1-g²)}, {@code dz_o = dh·tc·o(1-o)}; {@code dc ← dc'·f}.
     *
     * <p>tanh stays a separate {@link #tanh} call, and the forward step separate passes: with the
     * polynomials of {@code VectorMath} inlined too, a fused kernel exceeded C2's node budget, which
     * then left the remaining vector operations as calls on boxed vectors (5-30x slower).
     */
    void lstmCellBackward(float[] g, float[] dz, int go, float[] c, int cPrev, float[] tc, float[] dh, float[] dc,
                          int so, int n);

    // ----- random
    /**
     * A dropout mask: {@code out[oo + i] = 0} with probability {@code dropBelow / 2^24}, else {@code keep},
     * from the 24 high bits of SplitMix64's finaliser of {@code key + (first + i)·0x9E3779B97F4A7C15}.
     * A counter-based draw: element i's value depends on its index alone, so a mask filled in parts
     * on several threads is the same as one filled at once.
     */
    void dropoutMask(long key, long first, long dropBelow, float keep, float[] out, int oo, int n);

    /**
     * {@code out[oo + i] = a[ao + i] · mask(first + i)}, the mask of {@link #dropoutMask} with the same
     * arguments, drawn on the fly and never stored: dropout's forward pass, and its backward pass drawn
     * again from the same key.
     */
    void dropout(long key, long first, long dropBelow, float keep, float[] a, int ao, float[] out, int oo, int n);

    // ----- optimizer updates
    /**
     * One Adam step in place: {@code m = b1·m + (1-b1)·g}, {@code v = b2·v + (1-b2)·g²},
     * {@code w -= alpha·m / (sqrt(v) + eps)}, where {@code alpha} already holds the bias corrections.
     */
    void adam(float[] w, int wo, float[] g, int go, float[] m, int mo, float[] v, int vo, int n, float b1, float b2,
              float alpha, float eps);

    // ----- reductions
    float sum(float[] a, int ao, int n);

    float max(float[] a, int ao, int n);

    float dot(float[] a, int ao, float[] b, int bo, int n);

    // ----- row-wise, numerically stable (the maximum is subtracted first)
    /** {@code out = softmax(a)} over one row of {@code n} values. */
    void softmax(float[] a, int ao, float[] out, int oo, int n);

    /**
     * {@code out = softmax(scale·a)} over one row of {@code n} values, for {@code scale > 0}: attention's
     * scaled scores without a pass (or a tensor) for the scaling.
     */
    void softmax(float[] a, int ao, float scale, float[] out, int oo, int n);

    /**
     * The derivative of {@link #softmax(float[], int, float, float[], int, int)} over one row, from its
     * output {@code y} and the gradient {@code g} of that output: {@code out = scale·y·(g - Σ g·y)}.
     */
    void softmaxBackward(float[] y, int yo, float[] g, int go, float scale, float[] out, int oo, int n);

    /**
     * One row of layer normalisation: {@code μ = mean(x)}, {@code s = 1/sqrt(mean((x - μ)²) + epsilon)},
     * {@code out = (x - μ)·s·gamma + beta}, with {@code gamma} and {@code beta} each null for none;
     * {@code stats[so] = μ} and {@code stats[so + 1] = s}, which the backward row takes.
     */
    void layerNormRow(float[] x, int xo, float[] gamma, int go, float[] beta, int bo, float epsilon,
                      float[] out, int oo, float[] stats, int so, int n);

    /**
     * The derivative of {@link #layerNormRow} over one row, from {@code x}, its {@code mean} and
     * {@code scale} and the output's gradient {@code dy}: with {@code x̂ = (x - μ)·s} and
     * {@code ĝ = dy·gamma}, {@code dx = s·(ĝ - mean(ĝ) - x̂·mean(ĝ·x̂))}; adds {@code dy·x̂} to
     * {@code dGamma[0, n)} and {@code dy} to {@code dBeta[0, n)} (each skipped when null).
     */
    void layerNormBackwardRow(float[] x, int xo, float[] dy, int dyo, float[] gamma, int go, float mean,
                              float scale, float[] dx, int dxo, float[] dGamma, float[] dBeta, int n);

    /** {@code out = log(softmax(a))} over one row of {@code n} values. */
    void logSoftmax(float[] a, int ao, float[] out, int oo, int n);
}
