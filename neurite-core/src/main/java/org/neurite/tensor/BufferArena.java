package org.neurite.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recycles tensor storage across the repeated steps of a loop, so that a training step of a fixed
 * model allocates no new {@code float[]} after the first few steps.
 *
 * <p>While a scope opened by {@link #open()} is active on a thread, every tensor that thread
 * creates takes its storage from this arena. Closing the scope hands all of those arrays back for
 * the next step: tensors made inside a scope must not be used after it closes. Anything meant to
 * outlive a step (parameters, their gradients, optimizer state) is made outside any scope or inside
 * {@link #detached}.
 *
 * <p>Free storage is kept by size, and at most {@link #DEFAULT_FREE_LIMIT_BYTES} of it (a quarter of
 * the heap) is kept: past that, the sizes used least recently are dropped for the collector. A fixed
 * model reuses the same sizes every step, so it keeps them all; a loop whose shapes change (batches
 * cut to their longest sequence, a final evaluation on larger batches) no longer keeps the storage of
 * every shape it has ever seen.
 *
 * <pre>{@code
 * BufferArena arena = new BufferArena();
 * for (Batch batch : batches) {
 *     try (BufferArena.Scope step = arena.open()) {
 *         float loss = model.trainStep(batch);   // intermediate tensors come from the arena
 *     }
 * }
 * }</pre>
 */
public final class BufferArena {
    private static final ThreadLocal<BufferArena> CURRENT = new ThreadLocal<>();

    /** Free storage kept for reuse, at most: a quarter of the heap. */
    public static final long DEFAULT_FREE_LIMIT_BYTES = Runtime.getRuntime().maxMemory() / 4;

    /** Free arrays by size, least recently used size first. */
    private final LinkedHashMap<Integer, ArrayDeque<float[]>> free = new LinkedHashMap<>(16, 0.75f, true);
    private final List<float[]> inUse = new ArrayList<>();
    private final long freeLimitBytes;
    private long freeBytes;
    private long freshArrays;
    private long freshBytes;

    /** An arena that keeps at most {@link #DEFAULT_FREE_LIMIT_BYTES} of free storage. */
    public BufferArena() {
        this(DEFAULT_FREE_LIMIT_BYTES);
    }

    /** An arena that keeps at most {@code freeLimitBytes} of free storage between steps. */
    public BufferArena(long freeLimitBytes) {
        this.freeLimitBytes = freeLimitBytes;
    }

    /** Makes this arena the source of tensor storage on the calling thread until the scope closes. */
    public Scope open() {
        BufferArena previous = CURRENT.get();
        if (previous == this) {
            throw new IllegalStateException("BufferArena: a scope of this arena is already open on this thread");
        }
        CURRENT.set(this);
        return new Scope(previous);
    }

    /** Runs {@code work} with no arena active, so the storage it allocates outlives the scope. */
    public static <T> T detached(java.util.function.Supplier<T> work) {
        BufferArena previous = CURRENT.get();
        CURRENT.remove();
        try {
            return work.get();
        } finally {
            if (previous != null) {
                CURRENT.set(previous);
            }
        }
    }

    /** How many arrays this arena has had to allocate afresh (not recycled) since it was made. */
    public long freshArrays() {
        return freshArrays;
    }

    /** How many bytes of storage this arena has allocated afresh since it was made. */
    public long freshBytes() {
        return freshBytes;
    }

    /** Storage of {@code size} floats, with unspecified content. */
    static float[] allocate(int size) {
        BufferArena arena = CURRENT.get();
        return arena == null ? new float[size] : arena.take(size);
    }

    private float[] take(int size) {
        ArrayDeque<float[]> pool = free.get(size);
        float[] array = pool == null ? null : pool.poll();
        if (array != null) {
            freeBytes -= 4L * size;
        } else {
            array = new float[size];
            freshArrays++;
            freshBytes += 4L * size;
        }
        inUse.add(array);
        return array;
    }

    private void recycle() {
        for (float[] array : inUse) {
            free.computeIfAbsent(array.length, k -> new ArrayDeque<>()).push(array);
            freeBytes += 4L * array.length;
        }
        inUse.clear();
        var sizes = free.entrySet().iterator();
        while (freeBytes > freeLimitBytes && sizes.hasNext()) {   // drop the least recently used sizes
            var eldest = sizes.next();
            freeBytes -= 4L * eldest.getKey() * eldest.getValue().size();
            sizes.remove();
        }
    }

    /** The bytes of free storage this arena keeps for reuse. */
    public long freeBytes() {
        return freeBytes;
    }

    /** An open scope of an arena; closing it recycles the storage handed out during it. */
    public final class Scope implements AutoCloseable {
        private final BufferArena previous;
        private boolean closed;

        private Scope(BufferArena previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            recycle();
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }
}
