package org.neurite.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neurite.tensor.Tensor;
import org.neurite.testing.Tolerances;

/** The legacy Keras Tokenizer against outputs worked out by hand from keras_preprocessing/text.py. */
class TokenizerTest {
    private static final List<String> CORPUS = List.of("The cat sat.", "The dog sat!");

    @Test
    void textToWordSequenceLowersFiltersAndSplits() {
        assertEquals(List.of("don't", "stop", "me", "now"),
                Tokenizer.textToWordSequence("Don't stop-me\tnow!!", Tokenizer.DEFAULT_FILTERS, true, " "));
        assertEquals(List.of("a", "b", "c"), Tokenizer.textToWordSequence("a,b;c", Tokenizer.DEFAULT_FILTERS, true, ","));
        assertEquals(List.of("A.B"), Tokenizer.textToWordSequence("A.B", "", false, " "));
    }

    @Test
    void wordIndexIsByCountWithFirstSeenTieBreakAndOovFirst() {
        Tokenizer tokenizer = Tokenizer.builder().optOovToken("<OOV>").build();
        tokenizer.fitOnTexts(CORPUS);
        assertEquals(List.of("<OOV>", "the", "sat", "cat", "dog"), List.copyOf(tokenizer.wordIndex().keySet()));
        assertEquals(List.of(1, 2, 3, 4, 5), List.copyOf(tokenizer.wordIndex().values()));
        assertEquals(Map.of("the", 2, "cat", 1, "sat", 2, "dog", 1), tokenizer.wordCounts());
        assertEquals(List.of("the", "cat", "sat", "dog"), List.copyOf(tokenizer.wordCounts().keySet()));
        assertEquals(2, tokenizer.documentCount());

        Tokenizer plain = Tokenizer.builder().build();
        plain.fitOnTexts(List.of("a b"));
        assertEquals(Map.of("a", 1, "b", 2), plain.wordIndex());   // TextVectorization would put b first
    }

    @Test
    void sequencesKeepIndicesBelowNumWordsAndMapTheRestToOov() {
        Tokenizer tokenizer = Tokenizer.builder().optOovToken("<OOV>").build();
        tokenizer.fitOnTexts(CORPUS);
        assertArrayEquals(new int[] {2, 1, 3}, tokenizer.textsToSequences(List.of("the bird sat")).get(0));

        Tokenizer limited = Tokenizer.builder().optNumWords(4).optOovToken("<OOV>").build();
        limited.fitOnTexts(CORPUS);
        assertArrayEquals(new int[] {2, 1, 3, 1}, limited.textsToSequences(List.of("the cat sat dog")).get(0));

        Tokenizer noOov = Tokenizer.builder().optNumWords(3).build();
        noOov.fitOnTexts(CORPUS);
        assertArrayEquals(new int[] {1, 2}, noOov.textsToSequences(List.of("the cat sat dog")).get(0));
        assertArrayEquals(new int[] {}, noOov.textsToSequences(List.of("zebra")).get(0));
    }

    @Test
    void matrixModesMatchKeras() {
        Tokenizer tokenizer = Tokenizer.builder().build();
        tokenizer.fitOnTexts(CORPUS);   // the 1, sat 2, cat 3, dog 4; index_docs 1:2, 2:2, 3:1, 4:1
        List<String> text = List.of("the the cat zebra");   // sequence [1, 1, 3]
        assertArrayEquals(new float[] {0, 1, 0, 1, 0}, tokenizer.textsToMatrix(text, MatrixMode.BINARY).toArray());
        assertArrayEquals(new float[] {0, 2, 0, 1, 0}, tokenizer.textsToMatrix(text, MatrixMode.COUNT).toArray());
        assertArrayEquals(new float[] {0, 2f / 3, 0, 1f / 3, 0}, tokenizer.textsToMatrix(text, MatrixMode.FREQ).toArray(),
                Tolerances.ROUNDING);
        float the = (float) ((1 + Math.log(2)) * Math.log(1 + 2.0 / 3));
        float cat = (float) (1 * Math.log(1 + 2.0 / 2));
        Tensor tfidf = tokenizer.textsToMatrix(text, MatrixMode.TFIDF);
        assertArrayEquals(new int[] {1, 5}, tfidf.shape());
        assertArrayEquals(new float[] {0, the, 0, cat, 0}, tfidf.toArray(), Tolerances.ROUNDING);
    }

    @Test
    void numWordsSetsTheMatrixWidth() {
        Tokenizer tokenizer = Tokenizer.builder().optNumWords(3).build();
        tokenizer.fitOnTexts(CORPUS);
        assertArrayEquals(new float[] {0, 1, 1}, tokenizer.sequencesToMatrix(List.of(new int[] {1, 2, 3, 4}),
                MatrixMode.BINARY).toArray());
    }

    @Test
    void characterLevelCountsEveryCharacter() {
        Tokenizer tokenizer = Tokenizer.builder().optCharLevel(true).build();
        tokenizer.fitOnTexts(List.of("Ab a!"));
        assertEquals(List.of("a", "b", " ", "!"), List.copyOf(tokenizer.wordIndex().keySet()));
    }

    @Test
    void unfittedOrBadInputGivesClearErrors() {
        Tokenizer tokenizer = Tokenizer.builder().build();
        assertThrows(IllegalStateException.class, () -> tokenizer.textsToMatrix(List.of("a"), MatrixMode.BINARY));
        Tokenizer sized = Tokenizer.builder().optNumWords(5).build();
        assertThrows(IllegalStateException.class, () -> sized.textsToMatrix(List.of("a"), MatrixMode.TFIDF));
        assertThrows(IllegalArgumentException.class, () -> sized.sequencesToMatrix(List.of(new int[] {-1}), MatrixMode.COUNT));
        assertThrows(IllegalArgumentException.class, () -> Tokenizer.builder().optSplit(""));
        java.util.List<String> texts = new java.util.ArrayList<>(List.of("a"));
        texts.add(null);
        assertEquals("text 1 is null", assertThrows(IllegalArgumentException.class, () -> tokenizer.fitOnTexts(texts)).getMessage());
    }
}
