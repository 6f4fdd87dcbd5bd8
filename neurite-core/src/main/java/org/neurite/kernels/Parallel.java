package org.neurite.kernels;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one pool of worker threads that every kernel shares.
 *
 * <p>Its size is the number of available processors, overridden by the system property
 * {@code neurite.threads} or else the environment variable {@code NEURITE_THREADS}. Regions never
 * nest: a {@link #forRange} called from inside another runs serially on the calling thread, because
 * two levels of parallelism on a few cores lose far more to oversubscription than they gain.
 *
 * <p>Work is split into contiguous chunks in a fixed way for a given thread count, so results that
 * depend on summation order are reproducible run to run.
 *
 * <pre>{@code
 * Parallel.forRange(0, rows, 8, (from, to) -> { for (int r = from; r < to; r++) process(r); });
 * }</pre>
 */
public final class Parallel {
    private static final int THREADS = configuredThreads();
    private static final ForkJoinPool POOL = THREADS > 1 ? newPool(THREADS - 1) : null;
    private static final ThreadLocal<boolean[]> IN_REGION = ThreadLocal.withInitial(() -> new boolean[1]);

    private Parallel() {
    }

    /** The number of threads a parallel region uses, the calling thread included. */
    public static int threads() {
        return THREADS;
    }

    /**
     * Runs {@code body} over {@code [start, end)}, split into at most {@link #threads()} contiguous
     * chunks of at least {@code minChunk} indices each. The calling thread runs the first chunk.
     */
    public static void forRange(int start, int end, int minChunk, RangeBody body) {
        int n = end - start;
        if (n <= 0) {
            return;
        }
        int chunks = Math.min(THREADS, Math.max(1, n / Math.max(1, minChunk)));
        boolean[] inRegion = IN_REGION.get();
        if (chunks == 1 || inRegion[0] || Thread.currentThread() instanceof Worker) {
            body.run(start, end);
            return;
        }
        ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[chunks - 1];
        for (int c = 1; c < chunks; c++) {
            int from = start + (int) ((long) n * c / chunks);
            int to = start + (int) ((long) n * (c + 1) / chunks);
            tasks[c - 1] = POOL.submit(() -> body.run(from, to));
        }
        inRegion[0] = true;
        try {
            body.run(start, start + n / chunks);
        } finally {
            inRegion[0] = false;
            for (ForkJoinTask<?> task : tasks) {
                task.join();
            }
        }
    }

    private static int configuredThreads() {
        String value = System.getProperty("neurite.threads", System.getenv("NEURITE_THREADS"));
        if (value == null || value.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int threads = Integer.parseInt(value.trim());
            if (threads < 1) {
                throw new NumberFormatException();
            }
            return threads;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "neurite.threads / NEURITE_THREADS must be a positive integer, got '" + value + "'");
        }
    }

    private static ForkJoinPool newPool(int workers) {
        return new ForkJoinPool(workers, Worker::new, null, false);
    }

    /** Marks the pool's threads so that a region started on one of them runs serially. */
    private static final class Worker extends ForkJoinWorkerThread {
        private static final AtomicInteger COUNT = new AtomicInteger();

        Worker(ForkJoinPool pool) {
            super(pool);
            setDaemon(true);
            setName("neurite-worker-" + COUNT.incrementAndGet());
        }
    }
}
