package org.neurite.data;

import java.util.Arrays;
import org.neurite.kernels.Parallel;

/**
 * MinHash signatures with LSH banding: finds, for a query set of shingles, the indexed sets whose
 * Jaccard similarity is likely high, without comparing every pair.
 *
 * <p>Signature entry {@code i} of a set {@code S} is {@code min_{x∈S} h_i(x)}, with
 * {@code h_i(x) = (a_i·x + b_i) >>> 32} for random odd {@code a_i}; two sets agree on an entry with
 * probability {@code J(S, T)}. The signature is cut into {@code bands} bands of {@code r} rows; two
 * sets become candidates when they agree on a whole band, which happens with probability
 * {@code 1 - (1 - J^r)^bands}: with 20 bands of 5 rows, 0.9996 at J = 0.8 and 0.0002 at J = 0.2.
 * Candidates are only that: the caller checks their exact similarity.
 *
 * <p>Each band is a sorted array of {@code (band hash, document)} packed in one {@code long}
 * (39 bits of hash, 24 of document index), so a lookup is a binary search and the index holds no
 * boxed values. Signatures are computed on all cores.
 *
 * <pre>{@code
 * MinHashIndex index = new MinHashIndex(trainShingles, 20, 5, 42);
 * int[] candidates = index.candidates(index.signature(testShingles));
 * }</pre>
 */
final class MinHashIndex {
    private static final int INDEX_BITS = 24;
    private static final long INDEX_MASK = (1L << INDEX_BITS) - 1;

    private final long[] multipliers;
    private final long[] offsets;
    private final int bands;
    private final int rows;
    private final long[][] bandTables;

    MinHashIndex(long[][] shingleSets, int bands, int rows, long seed) {
        if (shingleSets.length > INDEX_MASK) {
            throw new IllegalArgumentException("duplicate check: at most " + INDEX_MASK
                    + " training texts, got " + shingleSets.length);
        }
        this.bands = bands;
        this.rows = rows;
        int hashes = bands * rows;
        multipliers = new long[hashes];
        offsets = new long[hashes];
        for (int i = 0; i < hashes; i++) {
            multipliers[i] = Shingles.mix(seed + 2L * i) | 1L;
            offsets[i] = Shingles.mix(seed + 2L * i + 1);
        }
        bandTables = buildBands(signatures(shingleSets));
    }

    /** The signature of each set, computed on all cores; {@code null} for an empty set. */
    int[][] signatures(long[][] shingleSets) {
        int[][] signatures = new int[shingleSets.length][];
        Parallel.forRange(0, shingleSets.length, 64, (from, to) -> {
            for (int d = from; d < to; d++) {
                signatures[d] = shingleSets[d].length == 0 ? null : signature(shingleSets[d]);
            }
        });
        return signatures;
    }

    /** {@code min_{x∈S} h_i(x)} for each hash function i, for a set that is not empty. */
    int[] signature(long[] shingles) {
        long[] min = new long[multipliers.length];
        Arrays.fill(min, Long.MAX_VALUE);
        for (long x : shingles) {
            for (int i = 0; i < min.length; i++) {
                min[i] = Math.min(min[i], (multipliers[i] * x + offsets[i]) >>> 32);
            }
        }
        int[] signature = new int[min.length];
        for (int i = 0; i < min.length; i++) {
            signature[i] = (int) min[i];
        }
        return signature;
    }

    /** The indexed documents sharing at least one band with {@code signature}, ascending, each once. */
    int[] candidates(int[] signature) {
        int[] found = new int[8];
        int n = 0;
        for (int b = 0; b < bands; b++) {
            long[] table = bandTables[b];
            long key = bandKey(signature, b) << INDEX_BITS;
            for (int at = lowerBound(table, key); at < table.length && (table[at] & ~INDEX_MASK) == key; at++) {
                if (n == found.length) {
                    found = Arrays.copyOf(found, n * 2);
                }
                found[n++] = (int) (table[at] & INDEX_MASK);
            }
        }
        return Arrays.stream(found, 0, n).sorted().distinct().toArray();
    }

    private long[][] buildBands(int[][] signatures) {
        long[][] tables = new long[bands][];
        for (int b = 0; b < bands; b++) {
            int n = 0;
            long[] table = new long[signatures.length];
            for (int d = 0; d < signatures.length; d++) {
                if (signatures[d] != null) {
                    table[n++] = (bandKey(signatures[d], b) << INDEX_BITS) | d;
                }
            }
            tables[b] = Arrays.copyOf(table, n);
            Arrays.sort(tables[b]);
        }
        return tables;
    }

    /** A 39-bit hash of band {@code b}'s rows, so that the packed entry stays non-negative. */
    private long bandKey(int[] signature, int b) {
        long h = b;
        for (int r = b * rows; r < (b + 1) * rows; r++) {
            h = Shingles.mix(h * 31 + signature[r]);
        }
        return h >>> (64 - 39);
    }

    private static int lowerBound(long[] sorted, long key) {
        int at = Arrays.binarySearch(sorted, key);
        if (at < 0) {
            return -at - 1;
        }
        while (at > 0 && sorted[at - 1] == key) {
            at--;
        }
        return at;
    }
}
