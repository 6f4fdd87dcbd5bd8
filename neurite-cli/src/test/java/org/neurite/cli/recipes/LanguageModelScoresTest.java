package org.neurite.cli.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.neurite.testing.Tolerances;

class LanguageModelScoresTest {
    @Test
    void uniformScoresCostLog2OfTheVocabularyInBitsPerToken() {
        int vocabulary = 8;
        float[] logits = new float[3 * vocabulary];   // three rows of equal scores
        LanguageModelScores s = LanguageModelScores.of(logits, new float[] {0f, 5f, 7f}, 0, id -> false);
        assertEquals(3.0, s.bitsPerToken(), Tolerances.ROUNDING);
    }

    @Test
    void bitsPerTokenIsTheMeanCrossEntropyInBits() {
        // Row 1 gives its target probability 3 / (3 + 1 + 1 + 1) = 1/2, row 2 (uniform) 1/4: (1 + 2) / 2 bits.
        float[] logits = {(float) Math.log(3), 0f, 0f, 0f, 0f, 0f, 0f, 0f};
        LanguageModelScores s = LanguageModelScores.of(logits, new float[] {0f, 2f}, 0, id -> false);
        assertEquals(1.5, s.bitsPerToken(), Tolerances.ROUNDING);
        assertEquals(LanguageModelScores.logSumExp(new float[] {1000f, 1000f}), 1000 + Math.log(2), Tolerances.ROUNDING);
    }

    @Test
    void topKAccuracyCountsTargetsAmongTheKBestGuessesButNeverExcludedOnes() {
        float[] logits = {
            0f, 9f, 3f, 2f, 1f,    // ids 0 and 1 excluded: best guesses 2, 3, 4; target 4: top-3 hit only
            0f, 9f, 3f, 2f, 1f,    // target 1: excluded, so missed although it scores highest
            5f, 0f, 1f, 2f, 8f,    // id 0 excluded: best guesses 4, 3, 2; target 4: top-1 hit
        };
        LanguageModelScores s = LanguageModelScores.of(logits, new float[] {4f, 1f, 4f}, 3, id -> id < 2);
        assertEquals(1 / 3.0, s.topAccuracy(1), Tolerances.ROUNDING);
        assertEquals(1 / 3.0, s.topAccuracy(2), Tolerances.ROUNDING);
        assertEquals(2 / 3.0, s.topAccuracy(3), Tolerances.ROUNDING);
    }
}
