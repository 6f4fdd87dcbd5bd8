package org.neurite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Keras' integer view of reviews: start 1, OOV 2, ranks shifted by 3, the index from the training part only. */
class KerasImdbTest {
    private static final Split<ReviewDataset> REVIEWS = new Split<>(
            new ReviewDataset(List.of("Great film, great cast.<br />Great!", "A dull film.", "dull, dull"), new int[] {1, 0, 0}),
            new ReviewDataset(List.of("great unseen film", ""), new int[] {1, 0}));

    @Test
    void idsAreRanksShiftedByThreeAfterAStartMark() {
        // word index from training: great=1 (3x), dull=2 (3x, seen later), film=3, cast=4, br=5, a=6
        Split<SequenceDataset> imdb = KerasImdb.fromReviews(REVIEWS, Integer.MAX_VALUE);

        assertArrayEquals(new int[] {1, 4, 6, 4, 7, 8, 4}, imdb.train().sequences().get(0));
        assertArrayEquals(new int[] {1, 9, 5, 6}, imdb.train().sequences().get(1));
        assertArrayEquals(new int[] {1, 4, 6}, imdb.test().sequences().get(0));   // "unseen" is not in the index
        assertArrayEquals(new int[] {1}, imdb.test().sequences().get(1));
        assertArrayEquals(new int[] {1, 0}, imdb.test().labels());
    }

    @Test
    void idsFromNumWordsUpBecomeTheOovMark() {
        Split<SequenceDataset> imdb = KerasImdb.fromReviews(REVIEWS, 6);   // keeps ids 3, 4, 5: great and dull

        assertArrayEquals(new int[] {1, 4, 2, 4, 2, 2, 4}, imdb.train().sequences().get(0));
        assertArrayEquals(new int[] {1, 2, 5, 2}, imdb.train().sequences().get(1));
    }

    @Test
    void refusesTooFewWords() {
        assertThrows(IllegalArgumentException.class, () -> KerasImdb.fromReviews(REVIEWS, 2));
        assertEquals(3, KerasImdb.INDEX_FROM);
    }
}
