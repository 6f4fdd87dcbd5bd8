package org.neurite.train;

import java.util.ArrayList;
import java.util.List;
import org.neurite.tensor.Rng;

/**
 * A batch sampler that puts sequences of similar length together, so that padded batches hold
 * little padding: shuffle all samples, cut them into chunks of {@value #CHUNK_BATCHES} batches,
 * sort each chunk by length, cut it into batches, and shuffle the order of all batches. Batches
 * still vary from epoch to epoch (the chunks are random), while within a batch lengths are close.
 *
 * <p>Every index appears in exactly one batch; all batches but possibly the last hold
 * {@code batchSize} samples; the same generator state gives the same batches. It lives in
 * {@code train}, not {@code data}, because {@link Trainer} uses it ({@code FitOptions}'
 * {@code bucketBySequenceLength}) and {@code train} may not import {@code data}.
 *
 * <pre>{@code
 * int[] lengths = SequencePadding.POST.lengths(paddedIds);      // (n, time) -> n lengths
 * for (int[] rows : LengthBuckets.batches(lengths, 64, new Rng(42))) {
 *     Tensor batch = SequencePadding.POST.trim(paddedIds.gather(rows), 1);
 * }
 * }</pre>
 */
public final class LengthBuckets {
    /** How many batches one sorted chunk holds: larger chunks pad less but batches vary less. */
    public static final int CHUNK_BATCHES = 50;

    private LengthBuckets() {
    }

    /** Batches of indices into {@code lengths}, each of similar lengths; see the class comment. */
    public static List<int[]> batches(int[] lengths, int batchSize, Rng rng) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("LengthBuckets: batch size must be positive, got " + batchSize);
        }
        int[] order = new int[lengths.length];
        java.util.Arrays.setAll(order, i -> i);
        rng.shuffle(order);
        int chunk = CHUNK_BATCHES * batchSize;
        List<int[]> batches = new ArrayList<>();
        for (int start = 0; start < order.length; start += chunk) {
            int end = Math.min(order.length, start + chunk);
            int[] sorted = sortedByLength(order, start, end, lengths);
            for (int b = 0; b < sorted.length; b += batchSize) {
                batches.add(java.util.Arrays.copyOfRange(sorted, b, Math.min(sorted.length, b + batchSize)));
            }
        }
        int[] batchOrder = new int[batches.size()];
        java.util.Arrays.setAll(batchOrder, i -> i);
        rng.shuffle(batchOrder);
        List<int[]> shuffled = new ArrayList<>(batches.size());
        for (int b : batchOrder) {
            shuffled.add(batches.get(b));
        }
        return shuffled;
    }

    /** {@code order[start, end)} sorted by length, ties kept in order: a primitive sort of (length, position) keys. */
    private static int[] sortedByLength(int[] order, int start, int end, int[] lengths) {
        long[] keys = new long[end - start];
        for (int i = start; i < end; i++) {
            int length = lengths[order[i]];
            if (length < 0) {
                throw new IllegalArgumentException("LengthBuckets: length of sample " + order[i] + " is negative: "
                        + length);
            }
            keys[i - start] = (long) length << 32 | (i - start);
        }
        java.util.Arrays.sort(keys);
        int[] sorted = new int[keys.length];
        for (int k = 0; k < keys.length; k++) {
            sorted[k] = order[start + (int) keys[k]];
        }
        return sorted;
    }
}
