package org.neurite.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * exp and log on float vectors, built from additions, multiplications, divisions, integer
 * conversions and bit operations only (Cephes' single-precision polynomials, within a few ulp).
 *
 * <p>Why not {@code lanewise(VectorOperators.EXP)}: the JDK computes that with the platform's vector
 * math library once C2 has compiled the loop, and with {@code Math.exp} per lane before, and the two
 * differ in the last bit for some inputs. A training run would then depend on when the JIT got to
 * each kernel, and the same seed would not give the same weights. The operations used here round
 * identically interpreted and compiled, so results depend on the inputs alone.
 */
final class VectorMath {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = S.withLanes(int.class);

    static final float EXP_HI = 88.72283935546875f;
    static final float EXP_LO = -87.33654475f;
    static final float LOG2E = 1.44269504088896341f;
    static final float LN2_HI = 0.693359375f;
    static final float LN2_LO = -2.12194440e-4f;
    private static final float SQRT_HALF = 0.707106781186547524f;
    static final float ROUNDING_SHIFT = 0x1.8p23f;
    static final int SHIFT_BITS = 0x4B400000;

    private VectorMath() {
    }

    /** {@code e^x}; 0 below -87.3, +Infinity above 88.72, NaN for NaN. */
    static FloatVector exp(FloatVector x) {
        FloatVector xc = x.max(EXP_LO).min(EXP_HI);
        // n = round(x / ln 2): adding 1.5·2^23 pushes the fraction out of the mantissa, which then
        // holds n in its low bits; no float-int conversion needed.
        FloatVector t = xc.mul(LOG2E).add(ROUNDING_SHIFT);
        FloatVector n = t.sub(ROUNDING_SHIFT);
        FloatVector r = xc.sub(n.mul(LN2_HI)).sub(n.mul(LN2_LO));
        FloatVector p = r.mul(1.9875691500E-4f).add(1.3981999507E-3f).mul(r).add(8.3334519073E-3f)
                .mul(r).add(4.1665795894E-2f).mul(r).add(1.6666665459E-1f).mul(r).add(5.0000001201E-1f);
        FloatVector y = p.mul(r.mul(r)).add(r).add(1f);
        // 2^n as 2^(n-1)·2, so that n = 128 (x just under 88.72) stays a normal float.
        IntVector e = t.reinterpretAsInts().sub(SHIFT_BITS - 126).lanewise(VectorOperators.LSHL, 23);
        FloatVector result = y.mul(e.reinterpretAsFloats()).mul(2f);
        result = result.blend(0f, x.compare(VectorOperators.LT, EXP_LO));
        return result.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, EXP_HI));
    }

    /**
     * {@code e^x} for {@code x <= 0}, such as a softmax's scores less their maximum: 0 below -87.3,
     * NaN for NaN; positive inputs are not guarded against overflow. With no overflow to avoid, the
     * steps of {@link #exp} become fused multiply-adds (which round the same compiled or not) and 2^n
     * is built directly: about 19 vector operations instead of 30.
     */
    static FloatVector expNonPositive(FloatVector x) {
        FloatVector xc = x.max(EXP_LO);
        FloatVector t = xc.fma(splat(LOG2E), splat(ROUNDING_SHIFT));
        FloatVector n = t.sub(ROUNDING_SHIFT);
        FloatVector r = n.fma(splat(-LN2_LO), n.fma(splat(-LN2_HI), xc));
        FloatVector p = r.fma(splat(1.9875691500E-4f), splat(1.3981999507E-3f)).fma(r, splat(8.3334519073E-3f))
                .fma(r, splat(4.1665795894E-2f)).fma(r, splat(1.6666665459E-1f)).fma(r, splat(5.0000001201E-1f));
        FloatVector y = p.fma(r.mul(r), r).add(1f);
        IntVector e = t.reinterpretAsInts().sub(SHIFT_BITS - 127).lanewise(VectorOperators.LSHL, 23);
        return y.mul(e.reinterpretAsFloats()).blend(0f, x.compare(VectorOperators.LT, EXP_LO));
    }

    private static FloatVector splat(float v) {
        return FloatVector.broadcast(S, v);
    }

    /** The natural logarithm; -Infinity at 0, NaN below 0 and for NaN, +Infinity at +Infinity. */
    static FloatVector log(FloatVector x) {
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
        return result.blend(x, x.test(VectorOperators.IS_NAN));
    }
}
