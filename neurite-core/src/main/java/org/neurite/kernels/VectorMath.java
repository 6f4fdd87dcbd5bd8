package org.neurite.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code e^x} of non-positive float vectors (a softmax's), and the constants of the exp, log, tanh and
 * sigmoid kernels of {@link SimdMathKernels}: Cephes' single-precision polynomials, within a few ulp,
 * built from additions, multiplications, divisions, integer conversions and bit operations only.
 *
 * <p>Why not {@code lanewise(VectorOperators.EXP)}: the JDK computes that with the platform's vector
 * math library once C2 has compiled the loop, and with {@code Math.exp} per lane before, and the two
 * differ in the last bit for some inputs. A training run would then depend on when the JIT got to
 * each kernel, and the same seed would not give the same weights. The operations used here round
 * identically interpreted and compiled, so results depend on the inputs alone.
 */
final class VectorMath {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    static final float EXP_HI = 88.72283935546875f;
    static final float EXP_LO = -87.33654475f;
    static final float LOG2E = 1.44269504088896341f;
    static final float LN2_HI = 0.693359375f;
    static final float LN2_LO = -2.12194440e-4f;
    static final float SQRT_HALF = 0.707106781186547524f;
    static final float ROUNDING_SHIFT = 0x1.8p23f;
    static final int SHIFT_BITS = 0x4B400000;

    private VectorMath() {
    }

    /**
     * {@code e^x} for {@code x <= 0}, such as a softmax's scores less their maximum: 0 below -87.3,
     * NaN for NaN; positive inputs are not guarded against overflow. With no overflow to avoid, the
     * steps of the exp kernel ({@link SimdMathKernels#exp}) become fused multiply-adds (which round the same compiled or not) and 2^n
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
}
