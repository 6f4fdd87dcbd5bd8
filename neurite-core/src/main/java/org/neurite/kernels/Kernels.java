package org.neurite.kernels;

/**
 * Where the rest of Neurite gets its kernels: {@link #math()} is the implementation chosen once, when
 * this class is initialised.
 *
 * <p>The Vector API kernels are used unless the system property {@code neurite.simd} is
 * {@code false}, which selects the plain-loop reference (useful to rule out a SIMD bug, or to compare
 * speed). The property is read once; changing it later has no effect. The SIMD implementation is
 * only loaded when it is used, so with {@code -Dneurite.simd=false} the incubator module
 * {@code jdk.incubator.vector} need not be present.
 */
public final class Kernels {
    private static final boolean SIMD_ENABLED = !"false".equalsIgnoreCase(System.getProperty("neurite.simd"));
    private static final MathKernels SCALAR = new ScalarMathKernels();
    private static final MathKernels MATH = SIMD_ENABLED ? simd() : SCALAR;

    private Kernels() {
    }

    /** Holds the SIMD kernels so that their class, and the Vector API, load only on first use. */
    private static final class SimdHolder {
        static final MathKernels INSTANCE = new SimdMathKernels();
    }

    /** The elementwise and reduction kernels to use: SIMD unless {@code -Dneurite.simd=false}. */
    public static MathKernels math() {
        return MATH;
    }

    /** Whether {@link #math()} is the Vector API implementation. */
    public static boolean simdEnabled() {
        return SIMD_ENABLED;
    }

    /** The plain-loop reference kernels, regardless of the switch (for tests and benchmarks). */
    public static MathKernels scalar() {
        return SCALAR;
    }

    /** The Vector API kernels, regardless of the switch (for tests and benchmarks). */
    public static MathKernels simd() {
        return SimdHolder.INSTANCE;
    }
}
