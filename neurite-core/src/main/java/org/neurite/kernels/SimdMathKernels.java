package org.neurite.kernels;

import static org.neurite.kernels.VectorMath.EXP_HI;
import static org.neurite.kernels.VectorMath.EXP_LO;
import static org.neurite.kernels.VectorMath.LN2_HI;
import static org.neurite.kernels.VectorMath.LN2_LO;
import static org.neurite.kernels.VectorMath.LOG2E;
import static org.neurite.kernels.VectorMath.ROUNDING_SHIFT;
import static org.neurite.kernels.VectorMath.SHIFT_BITS;
import static org.neurite.kernels.VectorMath.SQRT_HALF;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link MathKernels} on the JDK Vector API, over the widest species the CPU offers
 * ({@link FloatVector#SPECIES_PREFERRED}: 16 floats with AVX-512, 8 with AVX2).
 *
 * <p>Contract: the same results as {@link ScalarMathKernels} up to rounding. Elementwise arithmetic
 * is bit-identical except where an FMA fuses two roundings into one ({@link #axpy},
 * {@link #tanhBackward}); reductions add in a different order (several vector accumulators); the
 * transcendental functions are Cephes polynomials ({@link VectorMath}), within a few ulp of the
 * correctly rounded {@link Math} results, and round the same way whether or not the JIT has compiled
 * them, so a seeded training run does not depend on compilation timing; pow uses the scalar loop. Every method runs a vector loop up to
 * {@code loopBound(n)} and hands the remaining {@code n mod lanes} elements to the scalar twin, so
 * tails behave exactly like the reference; except exp, log, tanh and sigmoid, whose tail is one more
 * pass of the vector code under a mask: their scalar twins round differently, and an element's
 * result must not depend on where it sits in the array, or a text's predicted probability would
 * depend on how many texts share its batch (Spark's partitions against {@code neurite predict}'s
 * blocks of 256 lines).
 *
 * <p>Measured (JMH {@code MathKernelsBenchmark}, Zen 4 with AVX-512, JDK 25, 1k and 64k elements; see
 * docs/PERFORMANCE.md): the vector exp, tanh and sigmoid are 10-25x faster than the scalar
 * {@code Math} loops, so they take the vector path. Plain arithmetic such as
 * {@link #add} gains little (C2 auto-vectorises the scalar loop too); sum and dot gain 12-18x because
 * Java may not reorder the scalar loop's float additions.
 *
 * <p>Each loop is written out rather than shared through a helper taking a
 * {@link VectorOperators.Operator}: the operator is only intrinsified when it is a compile-time
 * constant, which depends on C2 inlining the helper into every caller, and when that fails the
 * Vector API falls back to per-lane Java code tens of times slower.
 *
 * <p>Reductions: the row kernels (softmax, log-softmax, the softmax gradient, layer normalisation) compute
 * their maximum, dot product or sum in their own loops instead of calling {@link #max}, {@link #dot}
 * or {@link #sum}. C2 declines to inline those (too large for a call made once per row), and a
 * callee reached only from C2's code could stay in C1's code for the rest of the run, its vectors
 * boxed: log-softmax ran at 16-20 ns an element instead of 0.45, the softmax gradient at 9 instead
 * of 0.11, depending on the order the JIT happened to compile them in ({@code
 * neurite-bench/RowKernelTime.java}). For the same reason every kernel loads and broadcasts with
 * {@code FloatVector.fromArray} and {@code broadcast} itself, with no helper that returns a vector: in
 * runs where C2 did not inline such a helper (it may decline even a 9-byte callee, e.g. for a call
 * site its early profile saw rarely), every vector it returned was boxed: a tenth of W3's training
 * epoch when the softmax's loads were boxed, and an LSTM's prediction 1.2x slower when {@code mul}'s
 * were, allocating 50 GB in 60 passes.
 */
public final class SimdMathKernels implements MathKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** 64-bit lanes for the random draws, and as many float lanes to store them. */
    private static final VectorSpecies<Long> LS = LongVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> FS =
            VectorSpecies.of(float.class, VectorShape.forBitSize(LS.length() * Float.SIZE));
    /** Four accumulators hide the 3-4 cycle latency of a vector add or FMA in the reductions. */
    private static final int UNROLL = 4;
    /** Below this |x|, tanh is a polynomial: {@code 1 - e^(-2|x|)} would cancel. */
    private static final float TANH_SMALL = 0.625f;
    /**
     * {@code L} zeros then {@code L} ones: the vector loaded from index {@code r} weighs 1 exactly its
     * last {@code r} lanes, those of an overlapping tail vector that the vector before did not cover.
     */
    private static final float[] FRESH_LANES = freshLanes();
    /**
     * Lane {@code i} to lane {@code i xor k}: adding a vector to itself rearranged by these, largest
     * {@code k} first, sums its lanes in one fixed order whether the JIT has compiled the code or not
     * ({@code reduceLanes(ADD)} may add in another order once compiled), so that a row kernel gives
     * the same bits in place as out of place, early in a run as late.
     */
    private static final VectorShuffle<Float> XOR8 = VectorShuffle.fromOp(S, i -> (i ^ 8) % L);
    private static final VectorShuffle<Float> XOR4 = VectorShuffle.fromOp(S, i -> (i ^ 4) % L);
    private static final VectorShuffle<Float> XOR2 = VectorShuffle.fromOp(S, i -> (i ^ 2) % L);
    private static final VectorShuffle<Float> XOR1 = VectorShuffle.fromOp(S, i -> (i ^ 1) % L);
    private static final ScalarMathKernels TAIL = new ScalarMathKernels();

    SimdMathKernels() {
    }

    private static float[] freshLanes() {
        float[] lanes = new float[2 * L];
        java.util.Arrays.fill(lanes, L, 2 * L, 1f);
        return lanes;
    }

    @Override
    public void add(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, a, ao + i).add(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
        }
        TAIL.add(a, ao + i, b, bo + i, out, oo + i, n - i);
    }

    @Override
    public void sub(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, a, ao + i).sub(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
        }
        TAIL.sub(a, ao + i, b, bo + i, out, oo + i, n - i);
    }

    @Override
    public void mul(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, a, ao + i).mul(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
        }
        TAIL.mul(a, ao + i, b, bo + i, out, oo + i, n - i);
    }

    @Override
    public void div(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, a, ao + i).div(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
        }
        TAIL.div(a, ao + i, b, bo + i, out, oo + i, n - i);
    }

    @Override
    public void max(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, a, ao + i).max(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
        }
        TAIL.max(a, ao + i, b, bo + i, out, oo + i, n - i);
    }

    @Override
    public void min(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, a, ao + i).min(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
        }
        TAIL.min(a, ao + i, b, bo + i, out, oo + i, n - i);
    }

    @Override
    public void addScalar(float[] a, int ao, float s, float[] out, int oo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, a, ao + i).add(s).intoArray(out, oo + i);
        }
        TAIL.addScalar(a, ao + i, s, out, oo + i, n - i);
    }

    @Override
    public void mulScalar(float[] a, int ao, float s, float[] out, int oo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, a, ao + i).mul(s).intoArray(out, oo + i);
        }
        TAIL.mulScalar(a, ao + i, s, out, oo + i, n - i);
    }

    @Override
    public void powScalar(float[] a, int ao, float p, float[] out, int oo, int n) {
        // The plain loop: a vector pow would round differently before and after C2 compiles it
        // (see VectorMath), and pow is too rare an operation to earn a polynomial of its own.
        TAIL.powScalar(a, ao, p, out, oo, n);
    }

    @Override
    public void neg(float[] a, int ao, float[] out, int oo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, a, ao + i).neg().intoArray(out, oo + i);
        }
        TAIL.neg(a, ao + i, out, oo + i, n - i);
    }

    @Override
    public void abs(float[] a, int ao, float[] out, int oo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, a, ao + i).abs().intoArray(out, oo + i);
        }
        TAIL.abs(a, ao + i, out, oo + i, n - i);
    }

    /**
     * {@code e^x} (Cephes' polynomial): 0 below -87.3, +Infinity above 88.72, NaN for NaN. Like
     * {@link #logistic}, one loop with the last pass masked and every step written out, so that no
     * call passes a vector (see the class comment on boxed vectors).
     */
    @Override
    public void exp(float[] a, int ao, float[] out, int oo, int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> mask = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, mask);
            FloatVector xc = x.max(EXP_LO).min(EXP_HI);
            // k = round(x / ln 2): adding 1.5·2^23 pushes the fraction out of the mantissa, which then
            // holds k in its low bits; no float-int conversion needed.
            FloatVector t = xc.mul(LOG2E).add(ROUNDING_SHIFT);
            FloatVector k = t.sub(ROUNDING_SHIFT);
            FloatVector r = xc.sub(k.mul(LN2_HI)).sub(k.mul(LN2_LO));
            FloatVector p = r.mul(1.9875691500E-4f).add(1.3981999507E-3f).mul(r).add(8.3334519073E-3f)
                    .mul(r).add(4.1665795894E-2f).mul(r).add(1.6666665459E-1f).mul(r).add(5.0000001201E-1f);
            FloatVector y = p.mul(r.mul(r)).add(r).add(1f);
            // 2^k as 2^(k-1)·2, so that k = 128 (x just under 88.72) stays a normal float.
            IntVector e = t.reinterpretAsInts().sub(SHIFT_BITS - 126).lanewise(VectorOperators.LSHL, 23);
            FloatVector result = y.mul(e.reinterpretAsFloats()).mul(2f);
            result = result.blend(0f, x.compare(VectorOperators.LT, EXP_LO));
            result.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, EXP_HI)).intoArray(out, oo + i, mask);
        }
    }

    /**
     * The natural logarithm (Cephes' polynomial): -Infinity at 0, NaN below 0 and for NaN, +Infinity
     * at +Infinity; one loop with every step written out, as {@link #exp}.
     */
    @Override
    public void log(float[] a, int ao, float[] out, int oo, int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> mask = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, mask);
            // Subnormal inputs are scaled into the normal range first, and the scale taken out at the end.
            VectorMask<Float> tiny = x.compare(VectorOperators.LT, Float.MIN_NORMAL);
            FloatVector scaled = x.blend(x.mul(0x1p23f), tiny);
            IntVector bits = scaled.reinterpretAsInts();
            FloatVector exponent = (FloatVector) bits.lanewise(VectorOperators.LSHR, 23)
                    .sub(126).convert(VectorOperators.I2F, 0);
            exponent = exponent.blend(exponent.sub(23f), tiny);
            // The mantissa in [0.5, 1), moved to [sqrt(0.5), sqrt(2)) so that m - 1 is small.
            FloatVector m = bits.and(0x807fffff).or(0x3f000000).reinterpretAsFloats();
            VectorMask<Float> low = m.compare(VectorOperators.LT, SQRT_HALF);
            exponent = exponent.blend(exponent.sub(1f), low);
            m = m.blend(m.add(m), low).sub(1f);
            FloatVector z = m.mul(m);
            FloatVector y = m.mul(7.0376836292E-2f).add(-1.1514610310E-1f).mul(m).add(1.1676998740E-1f)
                    .mul(m).add(-1.2420140846E-1f).mul(m).add(1.4249322787E-1f).mul(m).add(-1.6668057665E-1f)
                    .mul(m).add(2.0000714765E-1f).mul(m).add(-2.4999993993E-1f).mul(m).add(3.3333331174E-1f)
                    .mul(m).mul(z);
            y = y.add(exponent.mul(LN2_LO)).sub(z.mul(0.5f));
            FloatVector result = m.add(y).add(exponent.mul(LN2_HI));
            result = result.blend(Float.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0f));
            result = result.blend(Float.NaN, x.compare(VectorOperators.LT, 0f));
            result = result.blend(x, x.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY));
            result.blend(x, x.test(VectorOperators.IS_NAN)).intoArray(out, oo + i, mask);
        }
    }

    @Override
    public void sqrt(float[] a, int ao, float[] out, int oo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, a, ao + i).sqrt().intoArray(out, oo + i);
        }
        TAIL.sqrt(a, ao + i, out, oo + i, n - i);
    }

    @Override
    public void square(float[] a, int ao, float[] out, int oo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, ao + i);
            x.mul(x).intoArray(out, oo + i);
        }
        TAIL.square(a, ao + i, out, oo + i, n - i);
    }

    @Override
    public void reciprocal(float[] a, int ao, float[] out, int oo, int n) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            one.div(FloatVector.fromArray(S, a, ao + i)).intoArray(out, oo + i);
        }
        TAIL.reciprocal(a, ao + i, out, oo + i, n - i);
    }

    @Override
    public void tanh(float[] a, int ao, float[] out, int oo, int n) {
        logistic(a, ao, out, oo, n, true);
    }

    @Override
    public void sigmoid(float[] a, int ao, float[] out, int oo, int n) {
        logistic(a, ao, out, oo, n, false);
    }

    /**
     * tanh or the sigmoid, both from {@code e = exp(-k|x|)}, whose exponent is never positive:
     * {@code tanh(x) = ±(1 - e) / (1 + e)} with {@code k = 2} (a polynomial below |x| = 0.625, where
     * {@code 1 - e} would cancel); {@code sigmoid(x) = 1 / (1 + e)} for {@code x >= 0} and
     * {@code e / (1 + e)} below with {@code k = 1}, never {@code 1 - 1 / (1 + e)}, which would lose
     * the small values' precision.
     * The sigmoid is 0 below {@code x = -87.3}, where the correctly rounded result is subnormal.
     *
     * <p>One loop, its last pass masked, with exp's steps (those of {@link VectorMath#expNonPositive})
     * written out: a recurrent cell calls these kernels from a large method, and when C2 inlined the
     * kernel there but then ran out of its node budget before the exp helper, that call passed its
     * vectors boxed, which made an LSTM's prediction 1.2x slower. With nothing left to call, this
     * method is too large to inline and is compiled on its own, whole.
     */
    private static void logistic(float[] a, int ao, float[] out, int oo, int n, boolean tanh) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector minusK = FloatVector.broadcast(S, tanh ? -2f : -1f);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m);
            FloatVector ax = x.abs();
            // e = exp(ax · -k), as VectorMath.expNonPositive computes it
            FloatVector arg = ax.mul(minusK);
            FloatVector xc = arg.max(EXP_LO);
            FloatVector t = xc.fma(FloatVector.broadcast(S, LOG2E), FloatVector.broadcast(S, ROUNDING_SHIFT));
            FloatVector nn = t.sub(ROUNDING_SHIFT);
            FloatVector r = nn.fma(FloatVector.broadcast(S, -LN2_LO), nn.fma(FloatVector.broadcast(S, -LN2_HI), xc));
            FloatVector p = r.fma(FloatVector.broadcast(S, 1.9875691500E-4f), FloatVector.broadcast(S, 1.3981999507E-3f))
                    .fma(r, FloatVector.broadcast(S, 8.3334519073E-3f)).fma(r, FloatVector.broadcast(S, 4.1665795894E-2f))
                    .fma(r, FloatVector.broadcast(S, 1.6666665459E-1f)).fma(r, FloatVector.broadcast(S, 5.0000001201E-1f));
            IntVector bits = t.reinterpretAsInts().sub(SHIFT_BITS - 127).lanewise(VectorOperators.LSHL, 23);
            FloatVector e = p.fma(r.mul(r), r).add(one).mul(bits.reinterpretAsFloats())
                    .blend(0f, arg.compare(VectorOperators.LT, EXP_LO));
            FloatVector y;
            if (tanh) {
                FloatVector z = x.mul(x);
                FloatVector small = z.fma(FloatVector.broadcast(S, -5.70498872745E-3f), FloatVector.broadcast(S, 2.06390887954E-2f))
                        .fma(z, FloatVector.broadcast(S, -5.37397155531E-2f)).fma(z, FloatVector.broadcast(S, 1.33314422036E-1f))
                        .fma(z, FloatVector.broadcast(S, -3.33332819422E-1f)).mul(z).fma(x, x);
                FloatVector large = one.sub(e).div(one.add(e));
                y = large.blend(large.neg(), x.compare(VectorOperators.LT, 0f))
                        .blend(small, ax.compare(VectorOperators.LT, TANH_SMALL));
            } else {
                y = one.blend(e, x.compare(VectorOperators.LT, 0f)).div(one.add(e));
            }
            y.intoArray(out, oo + i, m);
        }
    }

    @Override
    public void relu(float[] a, int ao, float[] out, int oo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, a, ao + i).max(0f).intoArray(out, oo + i);
        }
        TAIL.relu(a, ao + i, out, oo + i, n - i);
    }

    @Override
    public void flushTiny(float[] x, int xo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i);
            v.mul(0f, v.abs().compare(VectorOperators.LT, TINY)).intoArray(x, xo + i);
        }
        TAIL.flushTiny(x, xo + i, n - i);
    }

    @Override
    public void reluBackward(float[] x, int xo, float[] g, int go, float[] out, int oo, int n) {
        FloatVector zero = FloatVector.zero(S);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            VectorMask<Float> positive = FloatVector.fromArray(S, x, xo + i).compare(VectorOperators.GT, 0f);
            zero.blend(FloatVector.fromArray(S, g, go + i), positive).intoArray(out, oo + i);
        }
        TAIL.reluBackward(x, xo + i, g, go + i, out, oo + i, n - i);
    }

    @Override
    public void tanhBackward(float[] y, int yo, float[] g, int go, float[] out, int oo, int n) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector t = FloatVector.fromArray(S, y, yo + i);
            t.neg().fma(t, one).mul(FloatVector.fromArray(S, g, go + i)).intoArray(out, oo + i); // (1 - t*t) * g
        }
        TAIL.tanhBackward(y, yo + i, g, go + i, out, oo + i, n - i);
    }

    @Override
    public void sigmoidBackward(float[] y, int yo, float[] g, int go, float[] out, int oo, int n) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector s = FloatVector.fromArray(S, y, yo + i);
            FloatVector.fromArray(S, g, go + i).mul(s).mul(one.sub(s)).intoArray(out, oo + i);
        }
        TAIL.sigmoidBackward(y, yo + i, g, go + i, out, oo + i, n - i);
    }

    /**
     * Plain products in the scalar twin's order, no FMA, so that the vector steps and the scalar
     * tail ({@link #TAIL}) round alike: the same bits as the scalar loop it replaced. The body calls
     * no {@link VectorMath} function, and is larger than C2 inlines into a hot caller, so it is
     * compiled on its own with the whole node budget (see the class comment on boxed vectors).
     */
    @Override
    public void lstmCellBackward(float[] g, float[] dz, int go, float[] c, int cPrev, float[] tc, float[] dh,
                                 float[] dc, int so, int n) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int j = 0;
        for (int end = S.loopBound(n); j < end; j += L) {
            int z = go + j;
            FloatVector i = FloatVector.fromArray(S, g, z);
            FloatVector f = FloatVector.fromArray(S, g, z + n);
            FloatVector gg = FloatVector.fromArray(S, g, z + 2 * n);
            FloatVector o = FloatVector.fromArray(S, g, z + 3 * n);
            FloatVector d = FloatVector.fromArray(S, dh, so + j);
            FloatVector t = FloatVector.fromArray(S, tc, so + j);
            FloatVector dcTotal = FloatVector.fromArray(S, dc, so + j).add(d.mul(o).mul(one.sub(t.mul(t))));
            dcTotal.mul(gg).mul(i).mul(one.sub(i)).intoArray(dz, z);
            dcTotal.mul(FloatVector.fromArray(S, c, cPrev + j)).mul(f).mul(one.sub(f)).intoArray(dz, z + n);
            dcTotal.mul(i).mul(one.sub(gg.mul(gg))).intoArray(dz, z + 2 * n);
            d.mul(t).mul(o).mul(one.sub(o)).intoArray(dz, z + 3 * n);
            dcTotal.mul(f).intoArray(dc, so + j);
        }
        if (j < n) {
            TAIL.lstmCellBackwardFrom(g, dz, go, c, cPrev, tc, dh, dc, so, n, j);
        }
    }

    @Override
    public void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        FloatVector va = FloatVector.broadcast(S, alpha);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, x, xo + i).fma(va, FloatVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
        }
        TAIL.axpy(alpha, x, xo + i, y, yo + i, n - i);
    }

    /** Eight (AVX-512) 64-bit draws at a time, each lane's arithmetic exactly the scalar one's. */
    @Override
    public void dropoutMask(long key, long first, long dropBelow, float keep, float[] out, int oo, int n) {
        FloatVector kept = FloatVector.broadcast(FS, keep);
        int i = 0;
        for (int end = LS.loopBound(n); i < end; i += LS.length()) {
            kept.blend(0f, dropped(key, first + i, dropBelow).cast(FS)).intoArray(out, oo + i);
        }
        TAIL.dropoutMask(key, first + i, dropBelow, keep, out, oo + i, n - i);
    }

    @Override
    public void dropout(long key, long first, long dropBelow, float keep, float[] a, int ao, float[] out, int oo,
                        int n) {
        FloatVector kept = FloatVector.broadcast(FS, keep);
        int i = 0;
        for (int end = LS.loopBound(n); i < end; i += LS.length()) {
            kept.blend(0f, dropped(key, first + i, dropBelow).cast(FS)).mul(FloatVector.fromArray(FS, a, ao + i))
                    .intoArray(out, oo + i);
        }
        TAIL.dropout(key, first + i, dropBelow, keep, a, ao + i, out, oo + i, n - i);
    }

    /** Which of the draws {@code index, index+1, ...} (one per 64-bit lane) fall below {@code dropBelow}. */
    private static VectorMask<Long> dropped(long key, long index, long dropBelow) {
        LongVector z = LongVector.zero(LS).addIndex(1).add(index).mul(ScalarMathKernels.GOLDEN_GAMMA).add(key);
        z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 30)).mul(ScalarMathKernels.MIX_1);
        z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 27)).mul(ScalarMathKernels.MIX_2);
        z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 31));
        return z.lanewise(VectorOperators.LSHR, 40).compare(VectorOperators.LT, dropBelow);
    }

    @Override
    public float sum(float[] a, int ao, int n) {
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        int i = 0;
        for (int end = n - n % (UNROLL * L); i < end; i += UNROLL * L) {
            s0 = s0.add(FloatVector.fromArray(S, a, ao + i));
            s1 = s1.add(FloatVector.fromArray(S, a, ao + i + L));
            s2 = s2.add(FloatVector.fromArray(S, a, ao + i + 2 * L));
            s3 = s3.add(FloatVector.fromArray(S, a, ao + i + 3 * L));
        }
        for (int end = S.loopBound(n); i < end; i += L) {
            s0 = s0.add(FloatVector.fromArray(S, a, ao + i));
        }
        // The lanes' sum in a fixed order (see XOR8), not reduceLanes(ADD), which adds them one by one in
        // the Vector API's Java fallback and in another order once compiled: a sum's last bit depended on
        // the JIT, and a model's first training run in a JVM on the runs after it (ReproducibilityTest).
        FloatVector sums = s0.add(s1).add(s2.add(s3));
        sums = L > 8 ? sums.add(sums.rearrange(XOR8)) : sums;
        sums = L > 4 ? sums.add(sums.rearrange(XOR4)) : sums;
        sums = L > 2 ? sums.add(sums.rearrange(XOR2)) : sums;
        sums = sums.add(sums.rearrange(XOR1));
        return sums.lane(0) + TAIL.sum(a, ao + i, n - i);
    }

    @Override
    public float max(float[] a, int ao, int n) {
        FloatVector m0 = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY), m1 = m0, m2 = m0, m3 = m0;
        int i = 0;
        for (int end = n - n % (UNROLL * L); i < end; i += UNROLL * L) {
            m0 = m0.max(FloatVector.fromArray(S, a, ao + i));
            m1 = m1.max(FloatVector.fromArray(S, a, ao + i + L));
            m2 = m2.max(FloatVector.fromArray(S, a, ao + i + 2 * L));
            m3 = m3.max(FloatVector.fromArray(S, a, ao + i + 3 * L));
        }
        for (int end = S.loopBound(n); i < end; i += L) {
            m0 = m0.max(FloatVector.fromArray(S, a, ao + i));
        }
        float m = m0.max(m1).max(m2.max(m3)).reduceLanes(VectorOperators.MAX);
        return Math.max(m, TAIL.max(a, ao + i, n - i));
    }

    @Override
    public float dot(float[] a, int ao, float[] b, int bo, int n) {
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        int i = 0;
        for (int end = n - n % (UNROLL * L); i < end; i += UNROLL * L) {
            s0 = FloatVector.fromArray(S, a, ao + i).fma(FloatVector.fromArray(S, b, bo + i), s0);
            s1 = FloatVector.fromArray(S, a, ao + i + L).fma(FloatVector.fromArray(S, b, bo + i + L), s1);
            s2 = FloatVector.fromArray(S, a, ao + i + 2 * L).fma(FloatVector.fromArray(S, b, bo + i + 2 * L), s2);
            s3 = FloatVector.fromArray(S, a, ao + i + 3 * L).fma(FloatVector.fromArray(S, b, bo + i + 3 * L), s3);
        }
        for (int end = S.loopBound(n); i < end; i += L) {
            s0 = FloatVector.fromArray(S, a, ao + i).fma(FloatVector.fromArray(S, b, bo + i), s0);
        }
        // The lanes' sum in a fixed order: see sum.
        FloatVector sums = s0.add(s1).add(s2.add(s3));
        sums = L > 8 ? sums.add(sums.rearrange(XOR8)) : sums;
        sums = L > 4 ? sums.add(sums.rearrange(XOR4)) : sums;
        sums = L > 2 ? sums.add(sums.rearrange(XOR2)) : sums;
        sums = sums.add(sums.rearrange(XOR1));
        return sums.lane(0) + TAIL.dot(a, ao + i, b, bo + i, n - i);
    }

    @Override
    public void softmax(float[] a, int ao, float[] out, int oo, int n) {
        softmax(a, ao, 1f, out, oo, n);
    }

    /**
     * The elements past the last whole vector are taken by one more whole vector that ends at the row's
     * end, so no element takes a scalar path: the maximum takes its repeated lanes twice (harmlessly),
     * the sum weighs them 0 and the normalisation multiplies them by 1. That last input vector is loaded
     * before anything is written, so that the row may be computed in place. The shifted scores are
     * never positive, so exp needs no guard against overflow ({@link VectorMath#expNonPositive}), and it
     * is called from one place only, small enough for C2 to inline. The maximum, the sum and the
     * normalisation are loops of this method, not helpers: see the class comment on reductions (the
     * helpers this method had, reached only from C2's code, stayed in C1's code for whole training
     * runs, their vectors boxed).
     */
    @Override
    public void softmax(float[] a, int ao, float scale, float[] out, int oo, int n) {
        if (n < L) {
            TAIL.softmax(a, ao, scale, out, oo, n);
            return;
        }
        int whole = S.loopBound(n);
        FloatVector last = FloatVector.fromArray(S, a, ao + n - L);
        FloatVector maxima = last;
        for (int i = 0; i < whole; i += L) {
            maxima = maxima.max(FloatVector.fromArray(S, a, ao + i));
        }
        FloatVector m = FloatVector.broadcast(S, maxima.reduceLanes(VectorOperators.MAX));
        FloatVector sv = FloatVector.broadcast(S, scale);
        FloatVector ones = FloatVector.broadcast(S, 1f);
        FloatVector fresh = FloatVector.fromArray(S, FRESH_LANES, whole < n ? n - whole : L);
        FloatVector sums = FloatVector.zero(S);
        for (int i = 0; i < n; i += L) {
            boolean isWhole = i + L <= n;
            FloatVector x = isWhole ? FloatVector.fromArray(S, a, ao + i) : last;
            FloatVector e = VectorMath.expNonPositive(x.sub(m).mul(sv));
            e.intoArray(out, oo + (isWhole ? i : n - L));
            sums = e.fma(isWhole ? ones : fresh, sums);
        }
        // The lanes' sum in a fixed order (see XOR8), written out here: a helper taking a vector would box it.
        sums = L > 8 ? sums.add(sums.rearrange(XOR8)) : sums;
        sums = L > 4 ? sums.add(sums.rearrange(XOR4)) : sums;
        sums = L > 2 ? sums.add(sums.rearrange(XOR2)) : sums;
        sums = sums.add(sums.rearrange(XOR1));
        float inv = 1f / sums.lane(0);
        FloatVector iv = FloatVector.broadcast(S, inv);
        for (int i = 0; i < whole; i += L) {
            FloatVector.fromArray(S, out, oo + i).mul(iv).intoArray(out, oo + i);
        }
        if (whole < n) {
            FloatVector.fromArray(S, out, oo + n - L).mul(fresh.mul(inv - 1f).add(1f)).intoArray(out, oo + n - L);
        }
    }

    @Override
    public void softmaxBackward(float[] y, int yo, float[] g, int go, float scale, float[] out, int oo, int n) {
        // The dot product is computed here, not by dot(): see the class comment on reductions.
        int end = S.loopBound(n);
        FloatVector dots = FloatVector.zero(S);
        for (int i = 0; i < end; i += L) {
            dots = FloatVector.fromArray(S, g, go + i).fma(FloatVector.fromArray(S, y, yo + i), dots);
        }
        dots = L > 8 ? dots.add(dots.rearrange(XOR8)) : dots;
        dots = L > 4 ? dots.add(dots.rearrange(XOR4)) : dots;
        dots = L > 2 ? dots.add(dots.rearrange(XOR2)) : dots;
        dots = dots.add(dots.rearrange(XOR1));
        float dot = dots.lane(0);
        for (int i = end; i < n; i++) {
            dot += g[go + i] * y[yo + i];
        }
        FloatVector dv = FloatVector.broadcast(S, dot);
        FloatVector sv = FloatVector.broadcast(S, scale);
        int i = 0;
        for (; i < end; i += L) {
            FloatVector yv = FloatVector.fromArray(S, y, yo + i);
            FloatVector.fromArray(S, g, go + i).sub(dv).mul(yv).mul(sv).intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = (g[go + i] - dot) * y[yo + i] * scale;
        }
    }

    /** Two passes over the row (mean, then squares, normalisation and affine in registers). */
    @Override
    public void layerNormRow(float[] x, int xo, float[] gamma, int go, float[] beta, int bo, float epsilon,
                             float[] out, int oo, float[] stats, int so, int n) {
        // The mean is computed here, not by sum(): see the class comment on reductions.
        int end = S.loopBound(n);
        FloatVector sums = FloatVector.zero(S);
        for (int i = 0; i < end; i += L) {
            sums = sums.add(FloatVector.fromArray(S, x, xo + i));
        }
        sums = L > 8 ? sums.add(sums.rearrange(XOR8)) : sums;
        sums = L > 4 ? sums.add(sums.rearrange(XOR4)) : sums;
        sums = L > 2 ? sums.add(sums.rearrange(XOR2)) : sums;
        sums = sums.add(sums.rearrange(XOR1));
        float total = sums.lane(0);
        for (int i = end; i < n; i++) {
            total += x[xo + i];
        }
        float mean = total / n;
        FloatVector m = FloatVector.broadcast(S, mean);
        FloatVector squares = FloatVector.zero(S);
        for (int i = 0; i < end; i += L) {
            FloatVector d = FloatVector.fromArray(S, x, xo + i).sub(m);
            squares = d.fma(d, squares);
        }
        float tail = 0f;
        for (int i = end; i < n; i++) {
            float d = x[xo + i] - mean;
            tail += d * d;
        }
        squares = L > 8 ? squares.add(squares.rearrange(XOR8)) : squares;
        squares = L > 4 ? squares.add(squares.rearrange(XOR4)) : squares;
        squares = L > 2 ? squares.add(squares.rearrange(XOR2)) : squares;
        squares = squares.add(squares.rearrange(XOR1));
        float scale = (float) (1.0 / Math.sqrt((squares.lane(0) + tail) / n + epsilon));
        FloatVector sv = FloatVector.broadcast(S, scale);
        for (int i = 0; i < end; i += L) {
            FloatVector y = FloatVector.fromArray(S, x, xo + i).sub(m).mul(sv);
            y = gamma == null ? y : y.mul(FloatVector.fromArray(S, gamma, go + i));
            (beta == null ? y : y.add(FloatVector.fromArray(S, beta, bo + i))).intoArray(out, oo + i);
        }
        for (int i = end; i < n; i++) {
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
        FloatVector m = FloatVector.broadcast(S, mean);
        FloatVector sv = FloatVector.broadcast(S, scale);
        FloatVector sumG = FloatVector.zero(S);
        FloatVector sumGx = FloatVector.zero(S);
        int end = S.loopBound(n);
        for (int i = 0; i < end; i += L) {
            FloatVector xHat = FloatVector.fromArray(S, x, xo + i).sub(m).mul(sv);
            FloatVector d = FloatVector.fromArray(S, dy, dyo + i);
            FloatVector gHat = gamma == null ? d : d.mul(FloatVector.fromArray(S, gamma, go + i));
            sumG = sumG.add(gHat);
            sumGx = gHat.fma(xHat, sumGx);
            if (dGamma != null) {
                d.fma(xHat, FloatVector.fromArray(S, dGamma, i)).intoArray(dGamma, i);
            }
            if (dBeta != null) {
                d.add(FloatVector.fromArray(S, dBeta, i)).intoArray(dBeta, i);
            }
        }
        float tailG = 0f;
        float tailGx = 0f;
        for (int i = end; i < n; i++) {
            float xHat = (x[xo + i] - mean) * scale;
            float d = dy[dyo + i];
            float gHat = gamma == null ? d : d * gamma[go + i];
            tailG += gHat;
            tailGx += gHat * xHat;
            if (dGamma != null) {
                dGamma[i] += d * xHat;
            }
            if (dBeta != null) {
                dBeta[i] += d;
            }
        }
        sumG = L > 8 ? sumG.add(sumG.rearrange(XOR8)) : sumG;
        sumG = L > 4 ? sumG.add(sumG.rearrange(XOR4)) : sumG;
        sumG = L > 2 ? sumG.add(sumG.rearrange(XOR2)) : sumG;
        sumG = sumG.add(sumG.rearrange(XOR1));
        sumGx = L > 8 ? sumGx.add(sumGx.rearrange(XOR8)) : sumGx;
        sumGx = L > 4 ? sumGx.add(sumGx.rearrange(XOR4)) : sumGx;
        sumGx = L > 2 ? sumGx.add(sumGx.rearrange(XOR2)) : sumGx;
        sumGx = sumGx.add(sumGx.rearrange(XOR1));
        float meanG = (sumG.lane(0) + tailG) / n;
        float meanGx = (sumGx.lane(0) + tailGx) / n;
        FloatVector mg = FloatVector.broadcast(S, meanG);
        FloatVector mgx = FloatVector.broadcast(S, meanGx);
        for (int i = 0; i < end; i += L) {
            FloatVector xHat = FloatVector.fromArray(S, x, xo + i).sub(m).mul(sv);
            FloatVector d = FloatVector.fromArray(S, dy, dyo + i);
            FloatVector gHat = gamma == null ? d : d.mul(FloatVector.fromArray(S, gamma, go + i));
            gHat.sub(mg).sub(xHat.mul(mgx)).mul(sv).intoArray(dx, dxo + i);
        }
        for (int i = end; i < n; i++) {
            float xHat = (x[xo + i] - mean) * scale;
            float gHat = gamma == null ? dy[dyo + i] : dy[dyo + i] * gamma[go + i];
            dx[dxo + i] = (gHat - meanG - xHat * meanGx) * scale;
        }
    }

    @Override
    public void logSoftmax(float[] a, int ao, float[] out, int oo, int n) {
        // The maximum is computed here, not by max(): see the class comment on reductions.
        int end = S.loopBound(n);
        FloatVector maxima = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < end; i += L) {
            maxima = maxima.max(FloatVector.fromArray(S, a, ao + i));
        }
        float m = maxima.reduceLanes(VectorOperators.MAX);
        for (int i = end; i < n; i++) {
            m = Math.max(m, a[ao + i]);
        }
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (; i < end; i += L) {
            // small enough for C2 to inline
            acc = acc.add(VectorMath.expNonPositive(FloatVector.fromArray(S, a, ao + i).sub(m)));
        }
        acc = L > 8 ? acc.add(acc.rearrange(XOR8)) : acc;
        acc = L > 4 ? acc.add(acc.rearrange(XOR4)) : acc;
        acc = L > 2 ? acc.add(acc.rearrange(XOR2)) : acc;
        acc = acc.add(acc.rearrange(XOR1));
        float s = acc.lane(0);
        for (; i < n; i++) {
            s += ScalarMathKernels.exp(a[ao + i] - m);
        }
        float logS = (float) Math.log(s);
        int j = 0;
        for (; j < end; j += L) {
            FloatVector.fromArray(S, a, ao + j).sub(m).sub(logS).intoArray(out, oo + j);
        }
        for (; j < n; j++) {
            out[oo + j] = (a[ao + j] - m) - logS;
        }
    }

    @Override
    public void adam(float[] w, int wo, float[] g, int go, float[] m, int mo, float[] v, int vo, int n, float b1,
                     float b2, float alpha, float eps) {
        int bound = S.loopBound(n);
        float c1 = 1 - b1;
        float c2 = 1 - b2;
        int i = 0;
        for (; i < bound; i += S.length()) {
            FloatVector gi = FloatVector.fromArray(S, g, go + i);
            FloatVector mi = FloatVector.fromArray(S, m, mo + i).mul(b1).add(gi.mul(c1));
            FloatVector vi = FloatVector.fromArray(S, v, vo + i).mul(b2).add(gi.mul(gi).mul(c2));
            mi.intoArray(m, mo + i);
            vi.intoArray(v, vo + i);
            FloatVector step = mi.mul(alpha).div(vi.sqrt().add(eps));
            FloatVector.fromArray(S, w, wo + i).sub(step).intoArray(w, wo + i);
        }
        TAIL.adam(w, wo + i, g, go + i, m, mo + i, v, vo + i, n - i, b1, b2, alpha, eps);
    }
}
