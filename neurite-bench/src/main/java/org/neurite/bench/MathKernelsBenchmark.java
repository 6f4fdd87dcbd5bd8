package org.neurite.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.neurite.kernels.Kernels;
import org.neurite.kernels.MathKernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Scalar vs SIMD {@link MathKernels} on one run of {@code n} floats: an arithmetic op, the
 * transcendental activations, the reductions, and softmax over rows of {@value #ROW} values.
 *
 * <pre>{@code
 * java --add-modules jdk.incubator.vector -jar neurite-bench/target/benchmarks.jar MathKernels
 * }</pre>
 *
 * Each (impl, n) pair runs in its own fork, so the kernel call site only ever sees one implementation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class MathKernelsBenchmark {
    /** A typical class-count or attention row; 65536 / 128 = 512 rows. */
    private static final int ROW = 128;

    @Param({"scalar", "simd"})
    public String impl;

    @Param({"1024", "65536"})
    public int n;

    private MathKernels k;
    private float[] moments;
    private float[] a;
    private float[] b;
    private float[] out;

    @Setup
    public void setUp() {
        k = impl.equals("simd") ? Kernels.simd() : Kernels.scalar();
        Random r = new Random(42);
        a = new float[n];
        moments = new float[n];
        b = new float[n];
        out = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = 20f * r.nextFloat() - 10f; // the range where exp, tanh and sigmoid are not saturated
            b[i] = 20f * r.nextFloat() - 10f;
        }
    }

    @Benchmark
    public float[] add() {
        k.add(a, 0, b, 0, out, 0, n);
        return out;
    }

    @Benchmark
    public float[] exp() {
        k.exp(a, 0, out, 0, n);
        return out;
    }

    @Benchmark
    public float[] tanh() {
        k.tanh(a, 0, out, 0, n);
        return out;
    }

    @Benchmark
    public float[] sigmoid() {
        k.sigmoid(a, 0, out, 0, n);
        return out;
    }

    /** One Adam step over n weights: the fused loop against the scalar twin. */
    @Benchmark
    public float[] adam() {
        k.adam(out, 0, a, 0, b, 0, moments, 0, n, 0.9f, 0.999f, 1e-3f, 1e-7f);
        return out;
    }

    @Benchmark
    public float sum() {
        return k.sum(a, 0, n);
    }

    @Benchmark
    public float dot() {
        return k.dot(a, 0, b, 0, n);
    }

    @Benchmark
    public float[] softmaxRows() {
        for (int row = 0; row + ROW <= n; row += ROW) {
            k.softmax(a, row, out, row, ROW);
        }
        return out;
    }
}
