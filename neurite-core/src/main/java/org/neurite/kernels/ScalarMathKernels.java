package org.neurite.kernels;

/**
 * The plain-loop implementation of {@link MathKernels}: the reference that every faster kernel is
 * tested against, and the fallback when the Vector API is switched off ({@code -Dneurite.simd=false}).
 *
 * <p>Contract: one straightforward loop per method, in index order, transcendental functions through
 * {@link Math} in double precision and rounded once to float. Reductions accumulate in float in index
 * order, so they are exactly what a reader of the loop expects, not the most accurate possible.
 * Special values follow {@link Math}: {@code log(0) = -Infinity}, {@code log(-1) = NaN}, and a NaN
 * input gives a NaN output (relu included); only {@link #reluBackward} maps a NaN {@code x} to 0,
 * because its test {@code x > 0} is false. The SIMD twin is {@link SimdMathKernels}.
 */
public final class ScalarMathKernels implements MathKernels {
    /** SplitMix64's increment and finaliser multipliers, shared with {@link SimdMathKernels#dropoutMask}. */
    static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    static final long MIX_1 = 0xBF58476D1CE4E5B9L;
    static final long MIX_2 = 0x94D049BB133111EBL;


    ScalarMathKernels() {
    }

    // The scalar forms are shared with the SIMD kernels' tails, so both agree element by element there.

    static float exp(float x) {
        return (float) Math.exp(x);
    }

    static float tanh(float x) {
        return (float) Math.tanh(x);
    }

    /** Stable for large {@code |x|}: exp is only taken of a non-positive number, so it never overflows. */
    static float sigmoid(float x) {
        if (x >= 0f) {
            return (float) (1.0 / (1.0 + Math.exp(-x)));
        }
        double e = Math.exp(x);
        return (float) (e / (1.0 + e));
    }

    @Override
    public void add(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = a[ao + i] + b[bo + i];
        }
    }

    @Override
    public void sub(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = a[ao + i] - b[bo + i];
        }
    }

    @Override
    public void mul(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = a[ao + i] * b[bo + i];
        }
    }

    @Override
    public void div(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = a[ao + i] / b[bo + i];
        }
    }

    @Override
    public void max(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = Math.max(a[ao + i], b[bo + i]);
        }
    }

    @Override
    public void min(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = Math.min(a[ao + i], b[bo + i]);
        }
    }

    @Override
    public void addScalar(float[] a, int ao, float s, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = a[ao + i] + s;
        }
    }

    @Override
    public void mulScalar(float[] a, int ao, float s, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = a[ao + i] * s;
        }
    }

    @Override
    public void powScalar(float[] a, int ao, float p, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = (float) Math.pow(a[ao + i], p);
        }
    }

    @Override
    public void neg(float[] a, int ao, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = -a[ao + i];
        }
    }

    @Override
    public void abs(float[] a, int ao, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = Math.abs(a[ao + i]);
        }
    }

    @Override
    public void exp(float[] a, int ao, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = exp(a[ao + i]);
        }
    }

    @Override
    public void log(float[] a, int ao, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = (float) Math.log(a[ao + i]);
        }
    }

    @Override
    public void sqrt(float[] a, int ao, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = (float) Math.sqrt(a[ao + i]);
        }
    }

    @Override
    public void square(float[] a, int ao, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            float x = a[ao + i];
            out[oo + i] = x * x;
        }
    }

    @Override
    public void reciprocal(float[] a, int ao, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = 1f / a[ao + i];
        }
    }

    @Override
    public void tanh(float[] a, int ao, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = tanh(a[ao + i]);
        }
    }

    @Override
    public void sigmoid(float[] a, int ao, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = sigmoid(a[ao + i]);
        }
    }

    /** {@code max(0, a)}; a NaN input stays NaN, as in PyTorch, so a diverging model is noticed. */
    @Override
    public void relu(float[] a, int ao, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = Math.max(a[ao + i], 0f);
        }
    }

    @Override
    public void flushTiny(float[] x, int xo, int n) {
        for (int i = xo; i < xo + n; i++) {
            if (Math.abs(x[i]) < TINY) {
                x[i] *= 0f;
            }
        }
    }

    @Override
    public void reluBackward(float[] x, int xo, float[] g, int go, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = x[xo + i] > 0f ? g[go + i] : 0f;
        }
    }

    @Override
    public void tanhBackward(float[] y, int yo, float[] g, int go, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            float t = y[yo + i];
            out[oo + i] = g[go + i] * (1f - t * t);
        }
    }

    @Override
    public void sigmoidBackward(float[] y, int yo, float[] g, int go, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            float s = y[yo + i];
            out[oo + i] = g[go + i] * s * (1f - s);
        }
    }

    @Override
    public void lstmCellBackward(float[] g, float[] dz, int go, float[] c, int cPrev, float[] tc, float[] dh,
                                 float[] dc, int so, int n) {
        lstmCellBackwardFrom(g, dz, go, c, cPrev, tc, dh, dc, so, n, 0);
    }

    /** {@link #lstmCellBackward} for units {@code [from, n)} only: the vector kernel's tail. */
    void lstmCellBackwardFrom(float[] g, float[] dz, int go, float[] c, int cPrev, float[] tc, float[] dh,
                              float[] dc, int so, int n, int from) {
        for (int j = from; j < n; j++) {
            int z = go + j;
            float i = g[z];
            float f = g[z + n];
            float gg = g[z + 2 * n];
            float o = g[z + 3 * n];
            float d = dh[so + j];
            float t = tc[so + j];
            float dcTotal = dc[so + j] + d * o * (1f - t * t);
            dz[z] = dcTotal * gg * i * (1f - i);
            dz[z + n] = dcTotal * c[cPrev + j] * f * (1f - f);
            dz[z + 2 * n] = dcTotal * i * (1f - gg * gg);
            dz[z + 3 * n] = d * t * o * (1f - o);
            dc[so + j] = dcTotal * f;
        }
    }

    @Override
    public void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            y[yo + i] += alpha * x[xo + i];
        }
    }

    @Override
    public void dropoutMask(long key, long first, long dropBelow, float keep, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = (mix(key + (first + i) * GOLDEN_GAMMA) >>> 40) < dropBelow ? 0f : keep;
        }
    }

    @Override
    public void dropout(long key, long first, long dropBelow, float keep, float[] a, int ao, float[] out, int oo,
                        int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = a[ao + i] * ((mix(key + (first + i) * GOLDEN_GAMMA) >>> 40) < dropBelow ? 0f : keep);
        }
    }

    /** SplitMix64's finaliser (Steele, Lea and Flood 2014). */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * MIX_1;
        z = (z ^ (z >>> 27)) * MIX_2;
        return z ^ (z >>> 31);
    }

    /** The sum in index order; 0 for {@code n = 0}. */
    @Override
    public float sum(float[] a, int ao, int n) {
        float s = 0f;
        for (int i = 0; i < n; i++) {
            s += a[ao + i];
        }
        return s;
    }

    /** The largest element; {@code -Infinity} for {@code n = 0}, NaN if any element is NaN. */
    @Override
    public float max(float[] a, int ao, int n) {
        float m = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, a[ao + i]);
        }
        return m;
    }

    @Override
    public float dot(float[] a, int ao, float[] b, int bo, int n) {
        float s = 0f;
        for (int i = 0; i < n; i++) {
            s += a[ao + i] * b[bo + i];
        }
        return s;
    }

    /**
     * {@code exp(a - max) / sum}. A row containing +Infinity or NaN, or made only of -Infinity,
     * gives NaN, as in PyTorch.
     */
    @Override
    public void softmax(float[] a, int ao, float[] out, int oo, int n) {
        float m = max(a, ao, n);
        float s = 0f;
        for (int i = 0; i < n; i++) {
            float e = exp(a[ao + i] - m);
            out[oo + i] = e;
            s += e;
        }
        mulScalar(out, oo, 1f / s, out, oo, n);
    }

    @Override
    public void softmax(float[] a, int ao, float scale, float[] out, int oo, int n) {
        float m = max(a, ao, n);
        float s = 0f;
        for (int i = 0; i < n; i++) {
            float e = exp((a[ao + i] - m) * scale);
            out[oo + i] = e;
            s += e;
        }
        mulScalar(out, oo, 1f / s, out, oo, n);
    }

    @Override
    public void softmaxBackward(float[] y, int yo, float[] g, int go, float scale, float[] out, int oo, int n) {
        float dot = dot(g, go, y, yo, n);
        for (int i = 0; i < n; i++) {
            out[oo + i] = (g[go + i] - dot) * y[yo + i] * scale;
        }
    }

    @Override
    public void layerNormRow(float[] x, int xo, float[] gamma, int go, float[] beta, int bo, float epsilon,
                             float[] out, int oo, float[] stats, int so, int n) {
        float mean = sum(x, xo, n) / n;
        float squares = 0f;
        for (int i = 0; i < n; i++) {
            float d = x[xo + i] - mean;
            squares += d * d;
        }
        float scale = (float) (1.0 / Math.sqrt(squares / n + epsilon));
        for (int i = 0; i < n; i++) {
            float y = (x[xo + i] - mean) * scale;
            y = gamma == null ? y : y * gamma[go + i];
            out[oo + i] = beta == null ? y : y + beta[bo + i];
        }
        stats[so] = mean;
        stats[so + 1] = scale;
    }

    @Override
    public void layerNormBackwardRow(float[] x, int xo, float[] dy, int dyo, float[] gamma, int go, float mean,
                                     float scale, float[] dx, int dxo, float[] dGamma, float[] dBeta, int n) {
        float sumG = 0f;
        float sumGx = 0f;
        for (int i = 0; i < n; i++) {
            float xHat = (x[xo + i] - mean) * scale;
            float d = dy[dyo + i];
            float gHat = gamma == null ? d : d * gamma[go + i];
            sumG += gHat;
            sumGx += gHat * xHat;
            if (dGamma != null) {
                dGamma[i] += d * xHat;
            }
            if (dBeta != null) {
                dBeta[i] += d;
            }
        }
        float meanG = sumG / n;
        float meanGx = sumGx / n;
        for (int i = 0; i < n; i++) {
            float xHat = (x[xo + i] - mean) * scale;
            float gHat = gamma == null ? dy[dyo + i] : dy[dyo + i] * gamma[go + i];
            dx[dxo + i] = (gHat - meanG - xHat * meanGx) * scale;
        }
    }

    /** {@code (a - max) - log(sum(exp(a - max)))}, subtracted in that order to keep small results exact. */
    @Override
    public void logSoftmax(float[] a, int ao, float[] out, int oo, int n) {
        float m = max(a, ao, n);
        float s = 0f;
        for (int i = 0; i < n; i++) {
            s += exp(a[ao + i] - m);
        }
        float logS = (float) Math.log(s);
        for (int i = 0; i < n; i++) {
            out[oo + i] = (a[ao + i] - m) - logS;
        }
    }

    @Override
    public void adam(float[] w, int wo, float[] g, int go, float[] m, int mo, float[] v, int vo, int n, float b1,
                     float b2, float alpha, float eps) {
        for (int i = 0; i < n; i++) {
            float gi = g[go + i];
            float mi = b1 * m[mo + i] + (1 - b1) * gi;
            float vi = b2 * v[vo + i] + (1 - b2) * gi * gi;
            m[mo + i] = mi;
            v[vo + i] = vi;
            w[wo + i] -= alpha * mi / ((float) Math.sqrt(vi) + eps);
        }
    }
}
