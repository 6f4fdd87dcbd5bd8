package org.neurite.testing;

/** Named tolerances shared by every module's tests, so that no test carries a magic number. */
public final class Tolerances {
    /** Float32 arithmetic that should agree to rounding: a few units in the last place, relative. */
    public static final float ROUNDING = 1e-5f;
    /** Sums and products over a few thousand terms in a different order (blocked GEMM vs naive). */
    public static final float REORDERED_SUMS = 1e-4f;
    /** Central finite differences in float32 against the tape's gradient (relative, floored at 1). */
    public static final double GRADIENT_CHECK = 2e-2;
    /** Agreement with reference values computed by another library (PyTorch, Keras). */
    public static final float REFERENCE = 1e-4f;

    private Tolerances() {
    }
}
