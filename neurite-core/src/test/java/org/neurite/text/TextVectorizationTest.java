package org.neurite.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.neurite.tensor.Tensor;
import org.neurite.testing.Tolerances;

/** TextVectorization against outputs worked out by hand from Keras 3's source and documentation. */
class TextVectorizationTest {
    private static final List<String> KERAS_DOC_CORPUS = List.of("foo bar", "bar baz", "baz bada boom");

    @Test
    void intModeMatchesTheKerasDocumentationExample() {
        TextVectorization v = TextVectorization.builder().optMaxTokens(5000).optOutputSequenceLength(4).build();
        v.adapt(KERAS_DOC_CORPUS);
        // Keras: count descending, ties by token descending: baz, bar (2 each), then foo, boom, bada.
        assertEquals(List.of("", "[UNK]", "baz", "bar", "foo", "boom", "bada"), v.getVocabulary());
        Tensor ids = v.transform(List.of("foo qux bar", "qux baz"));
        assertArrayEquals(new int[] {2, 4}, ids.shape());
        assertArrayEquals(new float[] {4, 1, 3, 0, 1, 2, 0, 0}, ids.toArray());
    }

    @Test
    void givenVocabularyGetsTheSpecialTokensInFront() {
        TextVectorization v = TextVectorization.builder()
                .optVocabulary(List.of("earth", "wind", "and", "fire")).optOutputSequenceLength(4).build();
        assertEquals(List.of("", "[UNK]", "earth", "wind", "and", "fire"), v.getVocabulary());
        assertEquals(List.of("earth", "wind", "and", "fire"), v.getVocabulary(false));
        assertEquals(6, v.vocabularySize());
    }

    @Test
    void vocabularyWithLeadingSpecialTokensIsTakenAsIs() {
        TextVectorization v = TextVectorization.builder().build();
        v.setVocabulary(List.of("", "[UNK]", "a", "b"));
        assertEquals(List.of("", "[UNK]", "a", "b"), v.getVocabulary());
    }

    @Test
    void setVocabularyRefusesRepeatsMisplacedPaddingAndOversize() {
        TextVectorization v = TextVectorization.builder().optMaxTokens(3).build();
        assertThrows(IllegalArgumentException.class, () -> v.setVocabulary(List.of("a", "a")));
        assertThrows(IllegalArgumentException.class, () -> v.setVocabulary(List.of("a", "")));
        assertThrows(IllegalArgumentException.class, () -> v.setVocabulary(List.of("a", "b")));
        assertThrows(IllegalArgumentException.class, () -> v.setVocabulary(List.of()));
    }

    @Test
    void maxTokensCountsTheSpecialTokens() {
        TextVectorization v = TextVectorization.builder().optMaxTokens(4).build();
        v.adapt(List.of("a a a b b c"));
        assertEquals(List.of("", "[UNK]", "a", "b"), v.getVocabulary());
        TextVectorization multiHot = TextVectorization.builder().optMaxTokens(3).optOutputMode(OutputMode.MULTI_HOT).build();
        multiHot.adapt(List.of("a a a b b c"));
        assertEquals(List.of("[UNK]", "a", "b"), multiHot.getVocabulary());
    }

    @Test
    void tiesBreakByDescendingTokenInUtf8Order() {
        TextVectorization v = TextVectorization.builder().optStandardize(Standardization.NONE).build();
        // U+FF21 sorts after U+1F600 in UTF-16 units but before it in UTF-8 bytes (code points).
        v.adapt(List.of("b a c \uFF21 \uD83D\uDE00 é"));
        assertEquals(List.of("", "[UNK]", "\uD83D\uDE00", "\uFF21", "é", "c", "b", "a"), v.getVocabulary());
    }

    @Test
    void withoutSequenceLengthIdsArePaddedToTheLongestText() {
        TextVectorization v = TextVectorization.builder().build();
        v.adapt(KERAS_DOC_CORPUS);
        Tensor ids = v.transform(List.of("foo", "bar baz foo", ""));
        assertArrayEquals(new int[] {3, 3}, ids.shape());
        assertArrayEquals(new float[] {4, 0, 0, 3, 2, 4, 0, 0, 0}, ids.toArray());
    }

    @Test
    void longTextsAreTruncatedAtTheEnd() {
        TextVectorization v = TextVectorization.builder().optOutputSequenceLength(2).build();
        v.adapt(KERAS_DOC_CORPUS);
        assertArrayEquals(new float[] {4, 3}, v.transform(List.of("foo bar baz")).toArray());
    }

    @Test
    void multiHotCountAndTfIdfFollowKeras() {
        List<String> corpus = List.of("a a b", "a c", "c c c d");
        TextVectorization multiHot = TextVectorization.builder().optOutputMode(OutputMode.MULTI_HOT).build();
        multiHot.adapt(corpus);
        // counts a 3, c 4, b 1, d 1 -> [UNK], c, a, d, b
        assertEquals(List.of("[UNK]", "c", "a", "d", "b"), multiHot.getVocabulary());
        assertArrayEquals(new float[] {1, 0, 1, 0, 1}, multiHot.transform(List.of("b zz a")).toArray());

        TextVectorization count = TextVectorization.builder().optOutputMode(OutputMode.COUNT).build();
        count.adapt(corpus);
        assertArrayEquals(new float[] {2, 1, 2, 0, 0}, count.transform(List.of("a c zz a yy")).toArray());

        TextVectorization tfIdf = TextVectorization.builder().optOutputMode(OutputMode.TF_IDF).build();
        tfIdf.adapt(corpus);
        // idf = ln(1 + 3 / (1 + df)): c df 2, a df 2, d df 1, b df 1; OOV gets the mean.
        double idfC = Math.log(1 + 3.0 / 3);
        double idfD = Math.log(1 + 3.0 / 2);
        double oov = (2 * idfC + 2 * idfD) / 4;
        float[] expectedIdf = {(float) oov, (float) idfC, (float) idfC, (float) idfD, (float) idfD};
        assertArrayEquals(expectedIdf, tfIdf.idfWeights(), Tolerances.ROUNDING);
        float[] expected = {(float) (2 * oov), (float) idfC, (float) (2 * idfC), 0, (float) idfD};
        assertArrayEquals(expected, tfIdf.transform(List.of("a c zz a yy b")).toArray(), Tolerances.ROUNDING);
    }

    @Test
    void padToMaxTokensWidensTheOutput() {
        TextVectorization v = TextVectorization.builder().optMaxTokens(8).optPadToMaxTokens(true)
                .optOutputMode(OutputMode.COUNT).build();
        v.adapt(List.of("x y"));
        assertArrayEquals(new int[] {1, 8}, v.transform(List.of("y")).shape());
    }

    @Test
    void tfIdfVocabularyWithoutSpecialTokensGivesOovTheMeanWeight() {
        TextVectorization v = TextVectorization.builder().optOutputMode(OutputMode.TF_IDF).build();
        v.setVocabulary(List.of("a", "b"), new float[] {1f, 3f});
        assertArrayEquals(new float[] {2f, 1f, 3f}, v.idfWeights());
        assertArrayEquals(new float[] {4f, 2f, 3f}, v.transform(List.of("a a b q q")).toArray());
        assertThrows(IllegalArgumentException.class, () -> v.setVocabulary(List.of("a")));
        TextVectorization ints = TextVectorization.builder().build();
        assertThrows(IllegalArgumentException.class, () -> ints.setVocabulary(List.of("a"), new float[] {1}));
    }

    @Test
    void ngramsFollowTheWidthsInOrder() {
        TextVectorization v = TextVectorization.builder().optNgrams(2).build();
        assertEquals(List.of("a", "b", "c", "a b", "b c"), v.tokenize("A b, c."));
        TextVectorization explicit = TextVectorization.builder().optNgramWidths(3, 1).build();
        assertEquals(List.of("a b c", "a", "b", "c"), explicit.tokenize("a b c"));
        assertEquals(List.of("a"), explicit.tokenize("a"));
        explicit.adapt(List.of("a b c", "a b c d"));
        assertEquals(List.of("", "[UNK]", "c", "b", "a b c", "a", "d", "b c d"), explicit.getVocabulary());
    }

    @Test
    void characterSplitGivesCodePoints() {
        TextVectorization v = TextVectorization.builder().optSplit(Split.CHARACTER).build();
        assertEquals(List.of("a", " ", "é", "\uD83D\uDE00"), v.tokenize("A, é\uD83D\uDE00"));
    }

    @Test
    void customFunctionsAreUsedAndTheirFailuresNameTheText() {
        TextVectorization v = TextVectorization.builder()
                .optStandardize(s -> s.toUpperCase(Locale.ROOT))
                .optSplit(s -> List.of(s.split("-")))
                .build();
        assertEquals(List.of("A", "B C"), v.tokenize("a-b c"));
        TextVectorization failing = TextVectorization.builder().optStandardize(s -> {
            if (s.equals("bad")) {
                throw new IllegalStateException("no");
            }
            return s;
        }).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> failing.transform(List.of("good", "bad")));
        assertTrue(e.getMessage().startsWith("text 1: no"), e.getMessage());
    }

    @Test
    void nullTextIsAnErrorNamingItsIndex() {
        TextVectorization v = TextVectorization.builder().build();
        java.util.List<String> texts = new java.util.ArrayList<>(List.of("a", "b"));
        texts.add(null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v.adapt(texts));
        assertEquals("text 2 is null", e.getMessage());
        assertEquals("text 2 is null", assertThrows(IllegalArgumentException.class, () -> v.transform(texts)).getMessage());
    }

    @Test
    void aLayerWithoutVocabularyMapsEverythingToOov() {
        TextVectorization v = TextVectorization.builder().build();
        assertArrayEquals(new float[] {1, 1}, v.transform(List.of("any words")).toArray());
        v.adapt(List.of("", "   ", "!!!"));
        assertEquals(List.of("", "[UNK]"), v.getVocabulary());
    }

    @Test
    void optionsAreValidatedAsKerasDoes() {
        assertThrows(IllegalArgumentException.class, () -> TextVectorization.builder().optMaxTokens(1));
        assertThrows(IllegalArgumentException.class, () -> TextVectorization.builder()
                .optOutputMode(OutputMode.COUNT).optOutputSequenceLength(3).build());
        assertThrows(IllegalArgumentException.class, () -> TextVectorization.builder().optPadToMaxTokens(true).build());
        assertThrows(IllegalArgumentException.class, () -> TextVectorization.builder().optNgrams(0));
        assertThrows(IllegalArgumentException.class, () -> TextVectorization.builder().optNgramWidths());
        assertThrows(IllegalArgumentException.class, () -> TextVectorization.builder()
                .optOutputMode(OutputMode.TF_IDF).optVocabulary(List.of("a")).build());
    }
}
