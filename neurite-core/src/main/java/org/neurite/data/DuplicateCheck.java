package org.neurite.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neurite.kernels.Parallel;

/**
 * Finds test texts that also appear in the training data, which inflate test scores: exact
 * duplicates after standardisation, and near duplicates whose word shingles mostly agree.
 *
 * <p>Texts are standardised as in {@link Shingles} (lower case, HTML line breaks and punctuation
 * turned into single spaces). A test text is an <em>exact</em> duplicate when its standardised form
 * equals a training text's. Otherwise it is a <em>near</em> duplicate of the training text {@code T}
 * that maximises the Jaccard similarity of their {@code k}-word shingle sets, when
 *
 * <pre>
 *   J(S, T) = |S ∩ T| / |S ∪ T|  >=  threshold        (default k = 3, threshold = 0.8)
 * </pre>
 *
 * <p>Comparing all 25,000 × 25,000 pairs would take minutes, so candidates come from MinHash
 * signatures with LSH banding ({@link MinHashIndex}, 20 bands of 5 hashes by default: a pair at
 * J = 0.8 is missed with probability 0.0004) and only candidates are compared exactly. Texts
 * with no words (empty, or only punctuation) are never reported. Signatures and lookups run on
 * all cores; the result does not depend on the thread count.
 *
 * <pre>{@code
 * Split<ReviewDataset> imdb = ReviewDatasets.imdb();
 * DuplicateReport report = DuplicateCheck.between(imdb.train().texts(), imdb.test().texts(),
 *         DuplicateCheck.Options.defaults());
 * System.out.println(report.summary());
 * }</pre>
 */
public final class DuplicateCheck {
    private DuplicateCheck() {
    }

    /**
     * How texts are compared.
     *
     * @param shingleWords words per shingle, {@code k}; at least 1
     * @param threshold the smallest Jaccard similarity reported as a near duplicate, in {@code (0, 1]}
     * @param bands LSH bands; more bands find lower similarities and yield more candidates
     * @param rowsPerBand MinHash values per band; the signature has {@code bands · rowsPerBand}
     * @param seed the seed of the hash functions
     */
    public record Options(int shingleWords, double threshold, int bands, int rowsPerBand, long seed) {
        public Options {
            if (shingleWords < 1 || bands < 1 || rowsPerBand < 1) {
                throw new IllegalArgumentException("duplicate check: shingle words, bands and rows per band must be"
                        + " positive, got " + shingleWords + ", " + bands + ", " + rowsPerBand);
            }
            if (!(threshold > 0 && threshold <= 1)) {
                throw new IllegalArgumentException("duplicate check: threshold must be in (0, 1], got " + threshold);
            }
        }

        /** 3-word shingles, threshold 0.8, 20 bands of 5 hashes. */
        public static Options defaults() {
            return new Options(3, 0.8, 20, 5, 42);
        }

        public Options withThreshold(double value) {
            return new Options(shingleWords, value, bands, rowsPerBand, seed);
        }
    }

    /** The test texts that duplicate training texts exactly or nearly; see the class comment. */
    public static DuplicateReport between(List<String> train, List<String> test, Options options) {
        long start = System.nanoTime();
        String[] trainText = standardized(train);
        String[] testText = standardized(test);
        int[] exact = exactMatches(trainText, testText);
        long[][] trainShingles = shingles(trainText, options.shingleWords());
        long[][] testShingles = shingles(testText, options.shingleWords());
        MinHashIndex index = new MinHashIndex(trainShingles, options.bands(), options.rowsPerBand(), options.seed());
        DuplicateReport.Pair[] near = new DuplicateReport.Pair[testText.length];
        Parallel.forRange(0, testText.length, 64, (from, to) -> {
            for (int t = from; t < to; t++) {
                if (exact[t] < 0 && testShingles[t].length > 0) {
                    near[t] = bestMatch(t, testShingles[t], index, trainShingles, options.threshold());
                }
            }
        });
        return report(train.size(), exact, near, options, System.nanoTime() - start);
    }

    private static String[] standardized(List<String> texts) {
        String[] out = new String[texts.size()];
        Parallel.forRange(0, out.length, 256, (from, to) -> {
            for (int i = from; i < to; i++) {
                out[i] = Shingles.standardize(texts.get(i));
            }
        });
        return out;
    }

    /** For each test text, the first training text with the same standardised form, or -1. */
    private static int[] exactMatches(String[] train, String[] test) {
        Map<String, Integer> first = new HashMap<>(train.length * 2);
        for (int i = 0; i < train.length; i++) {
            if (!train[i].isEmpty()) {
                first.putIfAbsent(train[i], i);
            }
        }
        int[] matches = new int[test.length];
        for (int t = 0; t < test.length; t++) {
            matches[t] = first.getOrDefault(test[t], -1);
        }
        return matches;
    }

    private static long[][] shingles(String[] texts, int k) {
        long[][] out = new long[texts.length][];
        Parallel.forRange(0, out.length, 64, (from, to) -> {
            for (int i = from; i < to; i++) {
                out[i] = Shingles.hashes(texts[i], k);
            }
        });
        return out;
    }

    /** The most similar training text at or above the threshold, or null. */
    private static DuplicateReport.Pair bestMatch(int test, long[] shingles, MinHashIndex index, long[][] train,
                                                  double threshold) {
        DuplicateReport.Pair best = null;
        for (int candidate : index.candidates(index.signature(shingles))) {
            double similarity = Shingles.jaccard(shingles, train[candidate]);
            if (similarity >= threshold && (best == null || similarity > best.similarity())) {
                best = new DuplicateReport.Pair(test, candidate, similarity);
            }
        }
        return best;
    }

    private static DuplicateReport report(int trainSize, int[] exact, DuplicateReport.Pair[] near, Options options,
                                          long nanos) {
        List<DuplicateReport.Pair> exactPairs = new ArrayList<>();
        List<DuplicateReport.Pair> nearPairs = new ArrayList<>();
        for (int t = 0; t < exact.length; t++) {
            if (exact[t] >= 0) {
                exactPairs.add(new DuplicateReport.Pair(t, exact[t], 1.0));
            } else if (near[t] != null) {
                nearPairs.add(near[t]);
            }
        }
        return new DuplicateReport(trainSize, exact.length, exactPairs, nearPairs, options, nanos / 1e9);
    }
}
