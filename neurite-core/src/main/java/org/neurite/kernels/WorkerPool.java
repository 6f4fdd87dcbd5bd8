package org.neurite.kernels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Fixed worker threads for {@link Parallel}: one region at a time, chunk {@code i + 1} on worker
 * {@code i}, chunk 0 on the caller.
 *
 * <p>A region is published by bumping {@link #generation}. Idle workers spin on it for
 * {@link #SPIN_NANOS} before parking, so back-to-back regions (the GEMMs of one training step)
 * start without the cost of waking a sleeping thread, and an idle process still sleeps. The caller
 * likewise spins, then sleeps until the last worker to finish wakes it.
 */
final class WorkerPool {
    private static final long SPIN_NANOS = 50_000L;

    private final Worker[] workers;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile long generation;
    private volatile Throwable failure;
    private volatile Thread caller;
    // Written before the volatile bump of generation, which publishes them to the workers.
    private RangeBody body;
    private int start;
    private int n;
    private int chunks;

    WorkerPool(int count) {
        workers = new Worker[count];
        for (int i = 0; i < count; i++) {
            workers[i] = new Worker(i);
            workers[i].start();
        }
    }

    static boolean isWorker(Thread thread) {
        return thread instanceof Worker;
    }

    void run(RangeBody task, int from, int size, int chunkCount) {
        body = task;
        start = from;
        n = size;
        chunks = chunkCount;
        failure = null;
        caller = Thread.currentThread();
        pending.set(chunkCount - 1);
        generation++;
        for (int i = 0; i < chunkCount - 1; i++) {
            if (workers[i].parked) {
                LockSupport.unpark(workers[i]);
            }
        }
        Throwable own = null;
        try {
            runChunk(0);
        } catch (Throwable t) {
            own = t;
        }
        awaitWorkers();
        Throwable first = own != null ? own : failure;
        if (first instanceof RuntimeException e) {
            throw e;
        } else if (first instanceof Error e) {
            throw e;
        } else if (first != null) {
            throw new IllegalStateException(first);
        }
    }

    private void runChunk(int c) {
        int from = start + (int) ((long) n * c / chunks);
        int to = start + (int) ((long) n * (c + 1) / chunks);
        body.run(from, to);
    }

    /** Spins for a while, then sleeps until the last worker to finish wakes this thread. */
    private void awaitWorkers() {
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (pending.get() > 0) {
            if (System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
    }

    private final class Worker extends Thread {
        private final int index;
        volatile boolean parked;

        Worker(int index) {
            super("neurite-worker-" + (index + 1));
            this.index = index;
            setDaemon(true);
        }

        @Override
        public void run() {
            long seen = 0;
            while (true) {
                seen = awaitGeneration(seen);
                if (index < chunks - 1) {
                    try {
                        runChunk(index + 1);
                    } catch (Throwable t) {
                        failure = t;
                    }
                    if (pending.decrementAndGet() == 0) {
                        LockSupport.unpark(caller);
                    }
                }
            }
        }

        private long awaitGeneration(long seen) {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (generation == seen) {
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                    continue;
                }
                parked = true;
                if (generation == seen) {
                    LockSupport.park(this);
                }
                parked = false;
                spinUntil = System.nanoTime() + SPIN_NANOS;
            }
            return generation;
        }
    }
}
