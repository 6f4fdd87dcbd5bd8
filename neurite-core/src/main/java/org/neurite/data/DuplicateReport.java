package org.neurite.data;

import java.util.List;
import java.util.Locale;

/**
 * What {@link DuplicateCheck} found: one pair per duplicated test text, exact and near ones apart.
 *
 * <pre>{@code
 * report.summary();   // "duplicates: 215 of 25,000 test texts (0.86%) also appear in the 25,000 training texts:
 *                     //  150 exact, 65 near (Jaccard of 3-word shingles >= 0.80); checked in 1.9 s"
 * report.near().get(0).trainIndex();
 * }</pre>
 *
 * @param trainSize the number of training texts
 * @param testSize the number of test texts
 * @param exact test texts equal to a training text after standardisation, with the first such
 *     training text; similarity 1
 * @param near the other test texts with a similar training text, with the most similar one
 * @param options how texts were compared
 * @param seconds how long the check took
 */
public record DuplicateReport(int trainSize, int testSize, List<Pair> exact, List<Pair> near,
                              DuplicateCheck.Options options, double seconds) {
    public DuplicateReport {
        exact = List.copyOf(exact);
        near = List.copyOf(near);
    }

    /**
     * A test text and the training text it duplicates.
     *
     * @param similarity the Jaccard similarity of their shingle sets (1 for exact duplicates)
     */
    public record Pair(int testIndex, int trainIndex, double similarity) {
    }

    /** How many test texts duplicate a training text, exactly or nearly. */
    public int count() {
        return exact.size() + near.size();
    }

    public boolean isEmpty() {
        return count() == 0;
    }

    /** One line: how many test texts are duplicated, how many of them exactly, and how long the check took. */
    public String summary() {
        double percent = testSize == 0 ? 0 : 100.0 * count() / testSize;
        return String.format(Locale.ROOT, "duplicates: %,d of %,d test texts (%.2f%%) also appear in the %,d training"
                        + " texts: %,d exact, %,d near (Jaccard of %d-word shingles >= %.2f); checked in %.1f s",
                count(), testSize, percent, trainSize, exact.size(), near.size(), options.shingleWords(),
                options.threshold(), seconds);
    }
}
