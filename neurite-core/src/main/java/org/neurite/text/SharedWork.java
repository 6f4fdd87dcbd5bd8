package org.neurite.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.neurite.kernels.Parallel;

/**
 * Texts handed to the threads of the shared {@link Parallel} pool in small chunks, each thread
 * taking the next chunk when it is done, rather than one fixed half per thread: texts differ in
 * length, and on a shared machine a core taken by another process would otherwise hold back the
 * whole batch. Each text is processed once, by one thread, so per-text results do not depend on
 * the schedule.
 */
final class SharedWork {
    /** Work on texts {@code [from, to)} with the calling thread's own state. */
    @FunctionalInterface
    interface Chunk<S> {
        void run(S state, int from, int to);
    }

    private static final int TEXTS_PER_CHUNK = 64;

    private SharedWork() {
    }

    /** Runs {@code chunk} over {@code [0, n)}; returns the state of each thread that took part. */
    static <S> List<S> run(int n, Supplier<S> newState, Chunk<S> chunk) {
        AtomicInteger next = new AtomicInteger();
        List<S> states = Collections.synchronizedList(new ArrayList<>());
        int threads = Math.min(Parallel.threads(), Math.max(1, n / TEXTS_PER_CHUNK));
        Parallel.forRange(0, threads, 1, (first, last) -> {
            S state = newState.get();
            for (int from = next.getAndAdd(TEXTS_PER_CHUNK); from < n; from = next.getAndAdd(TEXTS_PER_CHUNK)) {
                chunk.run(state, from, Math.min(n, from + TEXTS_PER_CHUNK));
            }
            states.add(state);
        });
        return states;
    }
}
