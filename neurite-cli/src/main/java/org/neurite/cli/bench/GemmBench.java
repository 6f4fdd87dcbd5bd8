package org.neurite.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.neurite.cli.Arguments;
import org.neurite.cli.UsageException;
import org.neurite.kernels.Gemm;
import org.neurite.kernels.GemmBlocking;
import org.neurite.kernels.Parallel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code neurite bench gemm}: the speed of {@link Gemm#sgemm} in GFLOPS ({@code 2*M*K*N} per call),
 * one line per shape, on all the threads of {@link Parallel} ({@code -Dneurite.threads} or
 * {@code NEURITE_THREADS} to change).
 *
 * <p>Each shape is warmed up, then run repeatedly for at least {@code --min-time} seconds and at
 * least five times; the line reports the best repetition, the figure least disturbed by other work
 * on the machine. Example output: {@code gemm 512x512x512 151.3 GFLOPS}; transposed variants carry
 * a suffix, as in {@code gemm 784x128x256 AtB 140.2 GFLOPS} (A stored K x M). A first line says how
 * the product is blocked for this host's caches ({@link GemmBlocking}).
 */
@Command(name = "gemm", mixinStandardHelpOptions = true,
        description = "Measure single-precision matrix multiply (GFLOPS) for a list of shapes.")
public final class GemmBench implements Callable<Integer> {
    /** Cubes, then the MLP training shapes: forward (A·B) and the two backward products. */
    static final String DEFAULT_SHAPES = "256x256x256,512x512x512,1024x1024x1024,2048x2048x2048,"
            + "128x784x256,128x256x128,32x784x256,"
            + "784x128x256:AtB,128x256x784:ABt,256x128x128:AtB,128x128x256:ABt,784x32x256:AtB,32x256x784:ABt";

    @Option(names = "--shapes", split = ",", paramLabel = "MxKxN[:VARIANT]",
            description = "Shapes, M x K x N, optionally with :AB, :AtB, :ABt or :AtBt (default: ${DEFAULT-VALUE}).")
    List<String> shapes = List.of(DEFAULT_SHAPES.split(","));

    @Option(names = "--min-time", paramLabel = "SECONDS", converter = Arguments.PositiveDouble.class, description = "Measured time per shape (default: ${DEFAULT-VALUE}).")
    double minTime = 1.0;

    @Override
    public Integer call() {
        List<Shape> parsed = new ArrayList<>();
        for (String s : shapes) {
            parsed.add(Shape.parse(s));
        }
        System.out.println("gemm blocking " + GemmBlocking.current() + ", " + Parallel.threads() + " threads");
        for (Shape shape : parsed) {
            double gflops = measure(shape);
            System.out.printf("gemm %dx%dx%d%s %.1f GFLOPS%n", shape.m, shape.k, shape.n,
                    shape.suffix(), gflops);
        }
        return 0;
    }

    private double measure(Shape s) {
        SplittableRandom rnd = new SplittableRandom(42);
        float[] a = random(s.m * s.k, rnd);
        float[] b = random(s.k * s.n, rnd);
        float[] c = new float[s.m * s.n];
        int lda = s.transA ? s.m : s.k;
        int ldb = s.transB ? s.k : s.n;
        Runnable call = () -> Gemm.sgemm(s.transA, s.transB, s.m, s.n, s.k, a, 0, lda, b, 0, ldb, 0f, c, 0, s.n);
        // Small shapes call the micro-kernel few times per product; under tiered compilation it can
        // take seconds before C2 replaces the C1 kernel (boxed vectors, ~100x slower), so warm long.
        long warmEnd = System.nanoTime() + (long) (3e9 + 0.5e9 * minTime);
        for (int i = 0; i < 3 || System.nanoTime() < warmEnd; i++) {
            call.run();
        }
        long best = Long.MAX_VALUE;
        long end = System.nanoTime() + (long) (minTime * 1e9);
        for (int reps = 0; reps < 5 || System.nanoTime() < end; reps++) {
            long t0 = System.nanoTime();
            call.run();
            best = Math.min(best, System.nanoTime() - t0);
        }
        return 2.0 * s.m * s.n * s.k / best;
    }

    private static float[] random(int size, SplittableRandom rnd) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return x;
    }

    /** One benchmarked product: op(A) is m x k, op(B) is k x n. */
    record Shape(int m, int k, int n, boolean transA, boolean transB) {
        static Shape parse(String text) {
            String[] parts = text.trim().split(":");
            String[] dims = parts[0].split("x");
            String variant = parts.length > 1 ? parts[1] : "AB";
            if (dims.length != 3 || parts.length > 2 || !List.of("AB", "AtB", "ABt", "AtBt").contains(variant)
                    || !dims[0].matches("[1-9][0-9]{0,4}") || !dims[1].matches("[1-9][0-9]{0,4}")
                    || !dims[2].matches("[1-9][0-9]{0,4}")) {
                throw new UsageException("--shapes: expected MxKxN of whole numbers from 1 to 99999, optionally"
                        + " with :AB, :AtB, :ABt or :AtBt (512x512x512, 784x128x256:AtB), found "
                        + Arguments.quoted(text));
            }
            return new Shape(Integer.parseInt(dims[0]), Integer.parseInt(dims[1]), Integer.parseInt(dims[2]),
                    variant.startsWith("At"), variant.endsWith("Bt"));
        }

        String suffix() {
            return transA || transB ? " A" + (transA ? "t" : "") + "B" + (transB ? "t" : "") : "";
        }
    }
}
