package org.neurite.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
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
 * tails behave exactly like the reference.
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
    private static final ScalarMathKernels TAIL = new ScalarMathKernels();

    SimdMathKernels() {
    }

    private static FloatVector load(float[] a, int offset) {
        return FloatVector.fromArray(S, a, offset);
    }

    private static FloatVector splat(float s) {
        return FloatVector.broadcast(S, s);
    }

    @Override
    public void add(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            load(a, ao + i).add(load(b, bo + i)).intoArray(out, oo + i);
        }
        TAIL.add(a, ao + i, b, bo + i, out, oo + i, n - i);
    }

    @Override
    public void sub(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            load(a, ao + i).sub(load(b, bo + i)).intoArray(out, oo + i);
        }
        TAIL.sub(a, ao + i, b, bo + i, out, oo + i, n - i);
    }

    @Override
    public void mul(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            load(a, ao + i).mul(load(b, bo + i)).intoArray(out, oo + i);
        }
        TAIL.mul(a, ao + i, b, bo + i, out, oo + i, n - i);
    }

    @Override
    public void div(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            load(a, ao + i).div(load(b, bo + i)).intoArray(out, oo + i);
        }
        TAIL.div(a, ao + i, b, bo + i, out, oo + i, n - i);
    }

    @Override
    public void max(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            load(a, ao + i).max(load(b, bo + i)).intoArray(out, oo + i);
        }
        TAIL.max(a, ao + i, b, bo + i, out, oo + i, n - i);
    }

    @Override
    public void min(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            load(a, ao + i).min(load(b, bo + i)).intoArray(out, oo + i);
        }
        TAIL.min(a, ao + i, b, bo + i, out, oo + i, n - i);
    }

    @Override
    public void addScalar(float[] a, int ao, float s, float[] out, int oo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            load(a, ao + i).add(s).intoArray(out, oo + i);
        }
        TAIL.addScalar(a, ao + i, s, out, oo + i, n - i);
    }

    @Override
    public void mulScalar(float[] a, int ao, float s, float[] out, int oo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            load(a, ao + i).mul(s).intoArray(out, oo + i);
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
            load(a, ao + i).neg().intoArray(out, oo + i);
        }
        TAIL.neg(a, ao + i, out, oo + i, n - i);
    }

    @Override
    public void abs(float[] a, int ao, float[] out, int oo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            load(a, ao + i).abs().intoArray(out, oo + i);
        }
        TAIL.abs(a, ao + i, out, oo + i, n - i);
    }

    @Override
    public void exp(float[] a, int ao, float[] out, int oo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            VectorMath.exp(load(a, ao + i)).intoArray(out, oo + i);
        }
        TAIL.exp(a, ao + i, out, oo + i, n - i);
    }

    @Override
    public void log(float[] a, int ao, float[] out, int oo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            VectorMath.log(load(a, ao + i)).intoArray(out, oo + i);
        }
        TAIL.log(a, ao + i, out, oo + i, n - i);
    }

    @Override
    public void sqrt(float[] a, int ao, float[] out, int oo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            load(a, ao + i).sqrt().intoArray(out, oo + i);
        }
        TAIL.sqrt(a, ao + i, out, oo + i, n - i);
    }

    @Override
    public void square(float[] a, int ao, float[] out, int oo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector x = load(a, ao + i);
            x.mul(x).intoArray(out, oo + i);
        }
        TAIL.square(a, ao + i, out, oo + i, n - i);
    }

    @Override
    public void reciprocal(float[] a, int ao, float[] out, int oo, int n) {
        FloatVector one = splat(1f);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            one.div(load(a, ao + i)).intoArray(out, oo + i);
        }
        TAIL.reciprocal(a, ao + i, out, oo + i, n - i);
    }

    @Override
    public void tanh(float[] a, int ao, float[] out, int oo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            VectorMath.tanh(load(a, ao + i)).intoArray(out, oo + i);
        }
        TAIL.tanh(a, ao + i, out, oo + i, n - i);
    }

    /**
     * {@code 1 / (1 + exp(-a))} in one piece: in float this formula cannot give NaN (for very negative
     * {@code a}, {@code exp(-a)} overflows to +Infinity and the quotient is 0; for very positive
     * {@code a} it is 1), so the branch the scalar kernel needs is unnecessary here. Below
     * {@code a = -88.7} it returns 0 where the reference returns a subnormal.
     */
    @Override
    public void sigmoid(float[] a, int ao, float[] out, int oo, int n) {
        FloatVector one = splat(1f);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            one.div(VectorMath.exp(load(a, ao + i).neg()).add(one)).intoArray(out, oo + i);
        }
        TAIL.sigmoid(a, ao + i, out, oo + i, n - i);
    }

    @Override
    public void relu(float[] a, int ao, float[] out, int oo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            load(a, ao + i).max(0f).intoArray(out, oo + i);
        }
        TAIL.relu(a, ao + i, out, oo + i, n - i);
    }

    @Override
    public void reluBackward(float[] x, int xo, float[] g, int go, float[] out, int oo, int n) {
        FloatVector zero = FloatVector.zero(S);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            zero.blend(load(g, go + i), load(x, xo + i).compare(VectorOperators.GT, 0f)).intoArray(out, oo + i);
        }
        TAIL.reluBackward(x, xo + i, g, go + i, out, oo + i, n - i);
    }

    @Override
    public void tanhBackward(float[] y, int yo, float[] g, int go, float[] out, int oo, int n) {
        FloatVector one = splat(1f);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector t = load(y, yo + i);
            t.neg().fma(t, one).mul(load(g, go + i)).intoArray(out, oo + i); // (1 - t*t) * g
        }
        TAIL.tanhBackward(y, yo + i, g, go + i, out, oo + i, n - i);
    }

    @Override
    public void sigmoidBackward(float[] y, int yo, float[] g, int go, float[] out, int oo, int n) {
        FloatVector one = splat(1f);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector s = load(y, yo + i);
            load(g, go + i).mul(s).mul(one.sub(s)).intoArray(out, oo + i);
        }
        TAIL.sigmoidBackward(y, yo + i, g, go + i, out, oo + i, n - i);
    }

    @Override
    public void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        FloatVector va = splat(alpha);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            load(x, xo + i).fma(va, load(y, yo + i)).intoArray(y, yo + i);
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
            s0 = s0.add(load(a, ao + i));
            s1 = s1.add(load(a, ao + i + L));
            s2 = s2.add(load(a, ao + i + 2 * L));
            s3 = s3.add(load(a, ao + i + 3 * L));
        }
        for (int end = S.loopBound(n); i < end; i += L) {
            s0 = s0.add(load(a, ao + i));
        }
        return s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD) + TAIL.sum(a, ao + i, n - i);
    }

    @Override
    public float max(float[] a, int ao, int n) {
        FloatVector m0 = splat(Float.NEGATIVE_INFINITY), m1 = m0, m2 = m0, m3 = m0;
        int i = 0;
        for (int end = n - n % (UNROLL * L); i < end; i += UNROLL * L) {
            m0 = m0.max(load(a, ao + i));
            m1 = m1.max(load(a, ao + i + L));
            m2 = m2.max(load(a, ao + i + 2 * L));
            m3 = m3.max(load(a, ao + i + 3 * L));
        }
        for (int end = S.loopBound(n); i < end; i += L) {
            m0 = m0.max(load(a, ao + i));
        }
        float m = m0.max(m1).max(m2.max(m3)).reduceLanes(VectorOperators.MAX);
        return Math.max(m, TAIL.max(a, ao + i, n - i));
    }

    @Override
    public float dot(float[] a, int ao, float[] b, int bo, int n) {
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        int i = 0;
        for (int end = n - n % (UNROLL * L); i < end; i += UNROLL * L) {
            s0 = load(a, ao + i).fma(load(b, bo + i), s0);
            s1 = load(a, ao + i + L).fma(load(b, bo + i + L), s1);
            s2 = load(a, ao + i + 2 * L).fma(load(b, bo + i + 2 * L), s2);
            s3 = load(a, ao + i + 3 * L).fma(load(b, bo + i + 3 * L), s3);
        }
        for (int end = S.loopBound(n); i < end; i += L) {
            s0 = load(a, ao + i).fma(load(b, bo + i), s0);
        }
        return s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD) + TAIL.dot(a, ao + i, b, bo + i, n - i);
    }

    @Override
    public void softmax(float[] a, int ao, float[] out, int oo, int n) {
        float m = max(a, ao, n);
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector e = VectorMath.exp(load(a, ao + i).sub(m));
            e.intoArray(out, oo + i);
            acc = acc.add(e);
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            float e = ScalarMathKernels.exp(a[ao + i] - m);
            out[oo + i] = e;
            s += e;
        }
        mulScalar(out, oo, 1f / s, out, oo, n);
    }

    @Override
    public void logSoftmax(float[] a, int ao, float[] out, int oo, int n) {
        float m = max(a, ao, n);
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            acc = acc.add(VectorMath.exp(load(a, ao + i).sub(m)));
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            s += ScalarMathKernels.exp(a[ao + i] - m);
        }
        float logS = (float) Math.log(s);
        int j = 0;
        for (int end = S.loopBound(n); j < end; j += L) {
            load(a, ao + j).sub(m).sub(logS).intoArray(out, oo + j);
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
            FloatVector gi = load(g, go + i);
            FloatVector mi = load(m, mo + i).mul(b1).add(gi.mul(c1));
            FloatVector vi = load(v, vo + i).mul(b2).add(gi.mul(gi).mul(c2));
            mi.intoArray(m, mo + i);
            vi.intoArray(v, vo + i);
            FloatVector step = mi.mul(alpha).div(vi.sqrt().add(eps));
            load(w, wo + i).sub(step).intoArray(w, wo + i);
        }
        TAIL.adam(w, wo + i, g, go + i, m, mo + i, v, vo + i, n - i, b1, b2, alpha, eps);
    }
}
