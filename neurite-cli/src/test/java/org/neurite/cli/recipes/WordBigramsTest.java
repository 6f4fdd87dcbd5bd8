package org.neurite.cli.recipes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.neurite.testing.Tolerances;

class WordBigramsTest {
    // ids: 0 padding, 1 [UNK], then words; 2 follows 3 twice, 4 once, 1 three times.
    private static final int[] STREAM = {3, 2, 3, 2, 3, 4, 3, 1, 3, 1, 3, 1, 5, 2};
    private static final int VOCABULARY = 7;

    @Test
    void guessesTheMostFrequentFollowersFirst() {
        WordBigrams bigrams = new WordBigrams(STREAM, VOCABULARY, 2, id -> id < 2);
        assertArrayEquals(new int[] {2, 4}, bigrams.top(3));   // [UNK] followed most often, but is never guessed
    }

    @Test
    void fillsMissingGuessesWithTheMostFrequentWords() {
        WordBigrams bigrams = new WordBigrams(STREAM, VOCABULARY, 3, id -> id < 2);
        assertArrayEquals(new int[] {2, 3, 4}, bigrams.top(5));   // after 5 only 2; then 3 (6 times), 4 (once, before 5 by id)
        assertArrayEquals(new int[] {3, 2, 4}, bigrams.top(6));   // never seen: the unigram order
    }

    @Test
    void topKAccuracyScoresEachPairOnTheGuessesAfterItsPreviousWord() {
        WordBigrams bigrams = new WordBigrams(STREAM, VOCABULARY, 2, id -> id < 2);
        float[] previous = {3, 3, 3, 2};
        float[] next = {2, 4, 1, 3};   // top-1 hit, top-2 hit, excluded (missed), top-1 hit (after 2 comes 3)
        assertEquals(0.5, bigrams.topKAccuracy(previous, next, 1), Tolerances.ROUNDING);
        assertEquals(0.75, bigrams.topKAccuracy(previous, next, 2), Tolerances.ROUNDING);
    }
}
