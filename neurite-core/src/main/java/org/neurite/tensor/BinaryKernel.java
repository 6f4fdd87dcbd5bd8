package org.neurite.tensor;

/** An elementwise binary kernel over contiguous runs: {@code out[i] = f(a[i], b[i])} for {@code n} elements. */
@FunctionalInterface
interface BinaryKernel {
    void apply(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n);
}
