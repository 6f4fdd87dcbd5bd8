package org.neurite.kernels;

/**
 * Where the rest of Neurite gets its kernels: {@link #math()} is the implementation chosen once, when
 * this class is initialised.
 *
 * <p>The Vector API kernels are used when the JVM has the incubator module {@code jdk.incubator.vector}
 * (started with {@code --add-modules jdk.incubator.vector}, as the {@code neurite} command does),
 * unless the system property {@code neurite.simd} is {@code false}, which selects the plain-loop
 * reference (useful to rule out a SIMD bug, or to compare speed). Without the module Neurite runs
 * the plain loops, many times slower, and logs a warning once. The choice is made once; changing
 * the property later has no effect. No class of the Vector API is loaded unless the SIMD kernels are
 * chosen.
 *
 * <pre>{@code
 * java --add-modules jdk.incubator.vector -cp app.jar:neurite-core.jar App
 * }</pre>
 */
public final class Kernels {
    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final boolean SIMD_ENABLED = chooseSimd();
    private static final MathKernels SCALAR = new ScalarMathKernels();
    private static final MathKernels MATH = SIMD_ENABLED ? simd() : SCALAR;

    private Kernels() {
    }

    private static boolean chooseSimd() {
        if ("false".equalsIgnoreCase(System.getProperty("neurite.simd", "true").trim())) {
            return false;
        }
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            System.getLogger(Kernels.class.getName()).log(System.Logger.Level.WARNING,
                    "Neurite runs its plain-loop kernels, many times slower: the JVM lacks the module "
                            + VECTOR_MODULE + "; start it with --add-modules " + VECTOR_MODULE);
            return false;
        }
        return true;
    }

    /** Holds the SIMD kernels so that their class, and the Vector API, load only on first use. */
    private static final class SimdHolder {
        static final MathKernels INSTANCE = new SimdMathKernels();
    }

    /** The elementwise and reduction kernels to use: SIMD when {@link #simdEnabled()}. */
    public static MathKernels math() {
        return MATH;
    }

    /**
     * Whether {@link #math()} and {@link Gemm} use the Vector API: its module is present and
     * {@code -Dneurite.simd=false} was not given.
     */
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
