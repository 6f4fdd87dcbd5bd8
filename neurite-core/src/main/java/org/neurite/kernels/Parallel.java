package org.neurite.kernels;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The one pool of worker threads that every kernel shares.
 *
 * <p>Its size is the number of available processors, overridden by the system property
 * {@code neurite.threads} or else the environment variable {@code NEURITE_THREADS}. Regions never
 * nest: a {@link #forRange} called from inside another — or while another thread's region is
 * running — runs serially on the calling thread, because two levels of parallelism on a few cores
 * lose far more to oversubscription than they gain.
 *
 * <p>Work is split into contiguous chunks in a fixed way for a given thread count, so results that
 * depend on summation order are reproducible run to run. The workers spin briefly between regions
 * before they sleep (see {@link WorkerPool}), because a training step runs many short regions
 * back to back and waking a sleeping thread costs tens of microseconds each time.
 *
 * <pre>{@code
 * Parallel.forRange(0, rows, 8, (from, to) -> { for (int r = from; r < to; r++) process(r); });
 * }</pre>
 */
public final class Parallel {
    private static final int THREADS = configuredThreads();
    private static final WorkerPool POOL = THREADS > 1 ? new WorkerPool(THREADS - 1) : null;
    private static final ReentrantLock REGION = new ReentrantLock();

    private Parallel() {
    }

    /** The number of threads a parallel region uses, the calling thread included. */
    public static int threads() {
        return THREADS;
    }

    /**
     * Whether a region started now from this thread would run on several threads: not inside
     * another region (on its caller or a worker), and not with one thread configured.
     */
    public static boolean canSplit() {
        return THREADS > 1 && !WorkerPool.isWorker(Thread.currentThread()) && !REGION.isHeldByCurrentThread();
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
        if (chunks == 1 || WorkerPool.isWorker(Thread.currentThread()) || !REGION.tryLock()) {
            body.run(start, end);
            return;
        }
        try {
            if (REGION.getHoldCount() > 1) {
                body.run(start, end);
            } else {
                POOL.run(body, start, n, chunks);
            }
        } finally {
            REGION.unlock();
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
}
