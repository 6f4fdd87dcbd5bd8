package org.neurite.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurite.tensor.Rng;

class LengthBucketsTest {
    /** IMDB-like review lengths: most short, a long tail (log-normal, median about 175 tokens). */
    private static int[] skewedLengths(int n, long seed) {
        Rng rng = new Rng(seed);
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++) {
            lengths[i] = Math.max(1, (int) Math.exp(rng.normal(5.16f, 0.75f)));
        }
        return lengths;
    }

    /** Steps computed on padding when each batch is padded to its longest sequence. */
    private static long paddingSteps(List<int[]> batches, int[] lengths) {
        long padding = 0;
        for (int[] batch : batches) {
            int longest = 0;
            for (int i : batch) {
                longest = Math.max(longest, lengths[i]);
            }
            for (int i : batch) {
                padding += longest - lengths[i];
            }
        }
        return padding;
    }

    @Test
    void everyIndexAppearsExactlyOnceInFullBatches() {
        int[] lengths = skewedLengths(10_007, 1);
        List<int[]> batches = LengthBuckets.batches(lengths, 32, new Rng(2));
        int[] seen = new int[lengths.length];
        int partial = 0;
        for (int[] batch : batches) {
            partial += batch.length < 32 ? 1 : 0;
            assertTrue(batch.length > 0 && batch.length <= 32);
            for (int i : batch) {
                seen[i]++;
            }
        }
        for (int count : seen) {
            assertEquals(1, count);
        }
        assertEquals(1, partial);
        assertEquals((lengths.length + 31) / 32, batches.size());
    }

    @Test
    void theSameSeedGivesTheSameBatchesAndAnotherSeedOthers() {
        int[] lengths = skewedLengths(3000, 3);
        List<int[]> a = LengthBuckets.batches(lengths, 16, new Rng(4));
        List<int[]> b = LengthBuckets.batches(lengths, 16, new Rng(4));
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i));
        }
        assertFalse(java.util.Arrays.equals(a.get(0), LengthBuckets.batches(lengths, 16, new Rng(5)).get(0)));
    }

    @Test
    void bucketsPadFarLessThanRandomBatches() {
        int[] lengths = skewedLengths(25_000, 6);
        int[] order = new int[lengths.length];
        java.util.Arrays.setAll(order, i -> i);
        new Rng(7).shuffle(order);
        List<int[]> random = new java.util.ArrayList<>();
        for (int start = 0; start < order.length; start += 64) {
            random.add(java.util.Arrays.copyOfRange(order, start, Math.min(order.length, start + 64)));
        }
        long bucketed = paddingSteps(LengthBuckets.batches(lengths, 64, new Rng(7)), lengths);
        long shuffled = paddingSteps(random, lengths);
        assertTrue(bucketed * 10 < shuffled, "bucketed " + bucketed + " vs random " + shuffled + " padding steps");
    }

    @Test
    void rejectsBadBatchSizesAndLengths() {
        assertThrows(IllegalArgumentException.class, () -> LengthBuckets.batches(new int[] {1, 2}, 0, new Rng(1)));
        assertThrows(IllegalArgumentException.class, () -> LengthBuckets.batches(new int[] {1, -2}, 2, new Rng(1)));
    }

    @Test
    void handlesNoSamples() {
        assertTrue(LengthBuckets.batches(new int[0], 8, new Rng(1)).isEmpty());
    }
}
