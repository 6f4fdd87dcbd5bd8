package org.neurite.cli.recipes;

import java.util.function.IntPredicate;
import org.neurite.models.Model;
import org.neurite.tensor.Tensor;
import org.neurite.text.NextTokenSampler;

/**
 * How well a language model predicts held-out text: the cross-entropy in bits per token
 * ({@code -mean log2 p(next token)}, for characters: bits per character) and top-k accuracy (the
 * share of tokens that are among the model's {@code k} best guesses). Guesses never include the
 * tokens that {@code excluded} names (padding, out-of-vocabulary), so a target that is one of them
 * always counts as missed; the cross-entropy uses the model's whole softmax.
 *
 * <pre>{@code
 * LanguageModelScores s = LanguageModelScores.of(model, TokenWindows.of(testIds, 128), 3, id -> id < 2);
 * s.bitsPerToken();    // 1.9 for a good character model of English
 * s.topAccuracy(3);
 * }</pre>
 *
 * @param bitsPerToken the mean cross-entropy in bits
 * @param topAccuracy  {@code topAccuracy[k - 1]}: the top-k accuracy, for k from 1 to the maximum asked
 */
public record LanguageModelScores(double bitsPerToken, double[] topAccuracy) {
    /** Windows predicted at a time: a word model's (windows, T, vocabulary) output is large. */
    private static final int WINDOWS_PER_CHUNK = 64;

    /** The top-k accuracy for {@code k} from 1 to the maximum given to {@link #of}. */
    public double topAccuracy(int k) {
        return topAccuracy[k - 1];
    }

    /** Scores {@code model}'s predictions of {@code windows}' targets; {@code maxK} may be 0. */
    public static LanguageModelScores of(Model model, TokenWindows windows, int maxK, IntPredicate excluded) {
        Tally tally = new Tally(maxK, excluded);
        int count = windows.x().dim(0);
        for (int start = 0; start < count; start += WINDOWS_PER_CHUNK) {
            int end = Math.min(count, start + WINDOWS_PER_CHUNK);
            Tensor logits = model.predict(windows.x().slice(start, end), WINDOWS_PER_CHUNK);   // (n, T, vocabulary)
            tally.add(logits.toArray(), windows.y().slice(start, end).toArray());
        }
        return tally.scores();
    }

    /** Scores rows of logits ({@code targets.length} rows, one per target, concatenated). */
    public static LanguageModelScores of(float[] logits, float[] targets, int maxK, IntPredicate excluded) {
        Tally tally = new Tally(maxK, excluded);
        tally.add(logits, targets);
        return tally.scores();
    }

    /** Sums of the scores over the rows seen so far. */
    private static final class Tally {
        private final int maxK;
        private final IntPredicate excluded;
        private final long[] hits;
        private double nats;
        private long rows;

        Tally(int maxK, IntPredicate excluded) {
            this.maxK = maxK;
            this.excluded = excluded;
            this.hits = new long[maxK];
        }

        void add(float[] logits, float[] targets) {
            int classes = logits.length / targets.length;
            float[] row = new float[classes];
            for (int r = 0; r < targets.length; r++) {
                System.arraycopy(logits, r * classes, row, 0, classes);
                int target = (int) targets[r];
                nats += logSumExp(row) - row[target];
                rows++;
                if (maxK > 0) {
                    countHits(row, target);
                }
            }
        }

        private void countHits(float[] row, int target) {
            for (int c = 0; c < row.length; c++) {
                if (excluded.test(c)) {
                    row[c] = Float.NEGATIVE_INFINITY;
                }
            }
            int[] best = NextTokenSampler.topIndices(row, maxK);
            for (int rank = 0; rank < best.length; rank++) {
                if (best[rank] == target && !excluded.test(target)) {
                    for (int k = rank; k < maxK; k++) {
                        hits[k]++;   // in the top rank + 1, so in every larger top-k too
                    }
                }
            }
        }

        LanguageModelScores scores() {
            double[] accuracy = new double[maxK];
            for (int k = 0; k < maxK; k++) {
                accuracy[k] = rows == 0 ? 0 : (double) hits[k] / rows;
            }
            return new LanguageModelScores(rows == 0 ? 0 : nats / rows / Math.log(2), accuracy);
        }
    }

    /** {@code log sum exp(row)}, shifted by the maximum so that nothing overflows. */
    public static double logSumExp(float[] row) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : row) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : row) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }
}
