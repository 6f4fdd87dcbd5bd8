package org.neurite.cli.recipes;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntPredicate;
import org.neurite.text.NextTokenSampler;

/**
 * The word-bigram baseline of next-word prediction: after word {@code w}, guess the words that
 * most often followed {@code w} in the training text; after a word never seen (or seen only before
 * fewer than {@code k} other words), fill the guesses with the most frequent words overall. Ties go
 * to the lower id, which is the more frequent word in a vectorizer's vocabulary. Tokens that
 * {@code excluded} names (padding, out-of-vocabulary) are never guessed.
 *
 * <pre>{@code
 * WordBigrams bigrams = new WordBigrams(trainIds, vocabularySize, 3, id -> id < 2);
 * int[] guesses = bigrams.top(idOf("united"));   // [states, kingdom, nations], say
 * }</pre>
 */
public final class WordBigrams {
    private final int[][] top;

    /**
     * Counts the pairs of successive ids in {@code ids} (all in {@code [0, vocabularySize)}) and keeps
     * the {@code k} best guesses after each id.
     */
    public WordBigrams(int[] ids, int vocabularySize, int k, IntPredicate excluded) {
        long[] unigrams = new long[vocabularySize];
        Map<Integer, Map<Integer, Integer>> followers = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            unigrams[ids[i]]++;
            if (i + 1 < ids.length) {
                followers.computeIfAbsent(ids[i], w -> new HashMap<>()).merge(ids[i + 1], 1, Integer::sum);
            }
        }
        int[] overall = best(unigramScores(unigrams), k, excluded);
        top = new int[vocabularySize][];
        for (int w = 0; w < vocabularySize; w++) {
            float[] scores = new float[vocabularySize];
            followers.getOrDefault(w, Map.of()).forEach((next, count) -> scores[next] = count);
            top[w] = withBackoff(best(scores, k, excluded), scores, overall, k);
        }
    }

    /** The {@code k} guesses after {@code previous}, best first. */
    public int[] top(int previous) {
        return top[previous].clone();
    }

    /**
     * The share of the pairs {@code (previous[i], next[i])} whose next word is among the first
     * {@code k} guesses after the previous one ({@code k} at most the {@code k} of the constructor);
     * an excluded next word always counts as missed.
     */
    public double topKAccuracy(float[] previous, float[] next, int k) {
        long hits = 0;
        for (int i = 0; i < next.length; i++) {
            int[] guesses = top[(int) previous[i]];
            for (int rank = 0; rank < Math.min(k, guesses.length); rank++) {
                if (guesses[rank] == (int) next[i]) {
                    hits++;
                }
            }
        }
        return next.length == 0 ? 0 : (double) hits / next.length;
    }

    private static float[] unigramScores(long[] counts) {
        float[] scores = new float[counts.length];
        for (int i = 0; i < counts.length; i++) {
            scores[i] = counts[i];
        }
        return scores;
    }

    /** The best {@code k} ids with a positive score, none excluded. */
    private static int[] best(float[] scores, int k, IntPredicate excluded) {
        for (int i = 0; i < scores.length; i++) {
            if (excluded.test(i) || scores[i] <= 0) {
                scores[i] = Float.NEGATIVE_INFINITY;
            }
        }
        return java.util.Arrays.stream(NextTokenSampler.topIndices(scores, k))
                .filter(i -> scores[i] > Float.NEGATIVE_INFINITY).toArray();
    }

    /** {@code guesses}, completed to {@code k} with the overall best words not already there. */
    private static int[] withBackoff(int[] guesses, float[] scores, int[] overall, int k) {
        int[] all = java.util.Arrays.copyOf(guesses, k);
        int n = guesses.length;
        for (int i = 0; i < overall.length && n < k; i++) {
            if (scores[overall[i]] == Float.NEGATIVE_INFINITY) {   // not guessed yet (nor excluded: overall has none)
                all[n++] = overall[i];
            }
        }
        return java.util.Arrays.copyOf(all, n);
    }
}
