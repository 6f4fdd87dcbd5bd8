package org.neurite.kernels;

/**
 * Runs the SIMD kernels on small arrays on a background thread, so that the JIT's optimising
 * compiler (C2) has compiled them before training needs them.
 *
 * <p>Why: until C2 compiles a kernel, its Vector API calls run the API's Java fallback, which
 * allocates an object per vector operation and is many times slower than even the plain loops. In
 * the first MNIST epoch a JFR profile of the main thread found a third of its samples in that
 * fallback ({@code FloatVector.lanewiseTemplate}, {@code VectorSupport.ternaryOp}, ...), none in the
 * second. The JVM compiles a method with C2 after enough calls and loop iterations; this thread
 * makes them while the caller loads its data, on a core that would otherwise idle. It calls only
 * the kernels with arrays of its own, so it shares nothing with the caller; it changes no result,
 * only when the kernels are compiled. With the SIMD kernels off ({@code -Dneurite.simd=false}, or no
 * Vector API module: {@link Kernels#simdEnabled()}) there is nothing to warm and it does nothing.
 *
 * <pre>{@code
 * KernelWarmUp.startInBackground();   // then load the data and train as usual
 * }</pre>
 */
public final class KernelWarmUp {
    /**
     * Calls of each kernel: C2 compiles a method after about 5,000 calls, or 600 calls with loops
     * that together ran 15,000 iterations (HotSpot's tiered thresholds); each call here runs a loop
     * of about 16 vectors.
     */
    static final int ROUNDS = 2_000;
    /** Values per array: several vectors of any width, and a tail. */
    private static final int N = 259;
    /**
     * GEMM operands: small enough to run on the calling thread (below the parallel threshold); 20 rows
     * are a strip of 12 and one of 8 in a wide product (where vectors hold 16 floats), so both packed
     * micro-kernels are compiled.
     */
    private static final int M = 20;
    private static final int K = 40;
    /** Columns of a product wide enough for {@link Gemm} to pack A and run its packed micro-kernel. */
    private static final int WIDE = Gemm.PACK_A_MIN_COLUMNS;
    /** A depth just past one K block: a dense layer fed 784 pixels spans several. */
    private static final int DEEP = Gemm.KC + 1;

    private KernelWarmUp() {
    }

    /**
     * Starts the warm-up on a daemon thread of minimum priority and returns at once; does nothing
     * when the SIMD kernels are switched off.
     */
    public static void startInBackground() {
        if (!Kernels.simdEnabled()) {
            return;
        }
        Thread thread = Thread.ofPlatform().name("neurite-kernel-warm-up").daemon().unstarted(() -> run(ROUNDS));
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /** Calls each kernel {@code rounds} times on this thread; returns a value that depends on every result. */
    static float run(int rounds) {
        MathKernels k = Kernels.math();
        float[] a = ramp(N, 0.01f);
        float[] b = ramp(N, -0.02f);
        float[] out = new float[N];
        float[] m = new float[N];
        float[] v = new float[N];
        float[] w = ramp(N, 0.005f);
        float[] dc = new float[N];
        float[] x = ramp(M * K, 0.001f);
        float[] y = ramp(K * K, -0.001f);
        float[] c = new float[M * K];
        float[] ct = new float[K * K];
        float[] wideB = ramp(K * WIDE, 0.002f);
        float[] wideC = new float[M * WIDE];
        float[] deepA = ramp(M * DEEP, 0.001f);
        float[] deepB = ramp(DEEP * K, 0.002f);
        Gemm.PackedB packedWide = Gemm.pack(false, K, WIDE, wideB, 0, WIDE);
        float seen = 0f;
        for (int r = 0; r < rounds; r++) {
            k.add(a, 0, b, 0, out, 0, N);
            k.sub(a, 0, b, 0, out, 0, N);
            k.mul(a, 0, b, 0, out, 0, N);
            k.max(a, 0, b, 0, out, 0, N);
            k.addScalar(a, 0, 0.5f, out, 0, N);
            k.mulScalar(a, 0, 0.5f, out, 0, N);
            k.exp(a, 0, out, 0, N);
            k.tanh(a, 0, out, 0, N);
            k.sigmoid(a, 0, out, 0, N);
            k.relu(b, 0, out, 0, N);
            k.reluBackward(b, 0, a, 0, out, 0, N);
            k.tanhBackward(a, 0, b, 0, out, 0, N);
            k.sigmoidBackward(a, 0, b, 0, out, 0, N);
            k.axpy(0.5f, a, 0, out, 0, N);
            k.lstmCellBackward(a, out, 0, b, 0, a, b, dc, 0, N / 4);   // gates, dz: 4 blocks of N/4
            k.softmax(a, 0, out, 0, N);
            k.logSoftmax(a, 0, out, 0, N);
            k.adam(w, 0, a, 0, m, 0, v, 0, N, 0.9f, 0.999f, 1e-6f, 1e-7f);
            seen += k.sum(out, 0, N) + k.max(out, 0, N) + k.dot(a, 0, out, 0, N);
            // the layouts of a dense layer's forward pass and its two gradients
            Gemm.sgemm(false, false, M, K, K, x, 0, K, y, 0, K, 0f, c, 0, K);
            Gemm.sgemm(false, true, M, K, K, x, 0, K, y, 0, K, 0f, c, 0, K);
            Gemm.sgemm(true, false, K, K, M, x, 0, K, c, 0, K, 1f, ct, 0, K);
            // wide enough that A is packed, as in a dense layer's weight gradient, and accumulating, as a
            // prediction's dense layer does onto its bias: a branch C2 never saw taken is compiled as a trap,
            // and when prediction took it, the packed kernel fell back for half a second to code many
            // times slower until C2 had compiled it again
            Gemm.sgemm(false, false, M, WIDE, K, x, 0, K, wideB, 0, WIDE, 0f, wideC, 0, WIDE);
            Gemm.sgemm(false, false, M, WIDE, K, x, 0, K, wideB, 0, WIDE, 1f, wideC, 0, WIDE);
            // deeper than one K block, so the later blocks' accumulation is compiled too, not a trap
            // that first springs in the second epoch
            Gemm.sgemm(false, false, M, K, DEEP, deepA, 0, DEEP, deepB, 0, K, 0f, c, 0, K);
            // a prediction's dense layer, its kernel packed once
            Gemm.sgemmColumns(false, M, 0, WIDE, x, 0, K, packedWide, 1f, wideC, 0, WIDE);
            seen += c[r % c.length] + ct[r % ct.length] + wideC[r % wideC.length];
        }
        return seen;
    }

    private static float[] ramp(int n, float step) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (i % 17 - 8) * step;
        }
        return values;
    }
}
