package org.neurite.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.neurite.tensor.Tensor;

/** Properties of the text pipeline over random Unicode (lone surrogates, controls and all). */
class TextVectorizationPropertiesTest {
    /** Keras' own regex and ASCII lower-casing: the oracle for ASCII text. */
    private static final String KERAS_STRIP_REGEX = "[!\"#$%&()\\*\\+,-\\./:;<=>?@\\[\\\\\\]^_`{|}~']";

    @Property(tries = 200)
    void anyTextGivesTheRightShapeAndIdsInRange(@ForAll @Size(max = 8) List<String> corpus,
                                                @ForAll @Size(max = 5) List<String> texts,
                                                @ForAll OutputMode mode) {
        TextVectorization v = TextVectorization.builder().optOutputMode(mode).optMaxTokens(12).build();
        v.adapt(corpus);
        Tensor out = v.transform(texts);
        int width = mode == OutputMode.INT ? longestTokenCount(v, texts) : v.vocabularySize();
        assertArrayEquals(new int[] {texts.size(), width}, out.shape());
        for (float x : out.toArray()) {
            assertTrue(Float.isFinite(x) && x >= 0, "value " + x);
            assertTrue(mode != OutputMode.INT || x < v.vocabularySize(), "id " + x);
        }
    }

    private static int longestTokenCount(TextVectorization v, List<String> texts) {
        return texts.stream().mapToInt(t -> v.tokenize(t).size()).max().orElse(0);
    }

    @Property(tries = 200)
    void standardizationIsIdempotent(@ForAll String text, @ForAll Standardization standardization) {
        String once = standardization.apply(text);
        assertEquals(once, standardization.apply(once));
    }

    @Property(tries = 300)
    void anyTextIsStandardizedExactlyAsKeras(@ForAll String text) {
        String lower = asciiLower(text);   // tf.strings.lower without an encoding changes A-Z only
        assertEquals(lower.replaceAll(KERAS_STRIP_REGEX, ""), Standardization.LOWER_AND_STRIP_PUNCTUATION.apply(text));
        assertEquals(lower, Standardization.LOWER.apply(text));
        assertEquals(text.replaceAll(KERAS_STRIP_REGEX, ""), Standardization.STRIP_PUNCTUATION.apply(text));
    }

    @Property(tries = 300)
    void asciiTextIsStandardizedByTheUnicodeVariantAsKerasWhenItHasNoLineBreaks(
            @ForAll @CharRange(from = ' ', to = '~') String text) {
        String noHtml = text.replace("<", "");   // no line breaks, which Neurite's variant turns into spaces
        assertEquals(Standardization.LOWER_AND_STRIP_PUNCTUATION.apply(noHtml),
                Standardization.UNICODE_LOWER_AND_STRIP_PUNCTUATION.apply(noHtml));
    }

    @Property(tries = 300)
    void kerasWhitespaceSplitIsPythonsSplitOverAsciiWhitespace(@ForAll String text) {
        List<String> expected = java.util.Arrays.stream(text.split("[ \\t\\n\\x0B\\f\\r]+"))
                .filter(token -> !token.isEmpty()).toList();
        assertEquals(expected, Split.WHITESPACE.apply(text));
    }

    private static String asciiLower(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.chars().forEach(c -> out.append((char) (c >= 'A' && c <= 'Z' ? c + 32 : c)));
        return out.toString();
    }

    @Property(tries = 200)
    void theFastTokenPathAgreesWithTokenize(@ForAll String text, @ForAll Standardization standardization,
                                            @ForAll Split split) {
        TokenStream stream = new TokenStream(standardization, split, null);
        List<String> fast = new ArrayList<>();
        stream.forEach(text, (chars, from, to, hash) -> {
            String token = new String(chars, from, to - from);
            assertEquals(token.hashCode(), hash);
            fast.add(token);
        });
        assertEquals(stream.tokenize(text), fast);
    }

    @Property(tries = 100)
    void theVocabularyDoesNotDependOnTheOrderOfTheTexts(@ForAll @Size(max = 20) List<@StringLength(max = 30) String> corpus,
                                                         @ForAll long seed) {
        List<String> shuffled = new ArrayList<>(corpus);
        Collections.shuffle(shuffled, new Random(seed));
        TextVectorization a = TextVectorization.builder().optOutputMode(OutputMode.TF_IDF).build();
        TextVectorization b = TextVectorization.builder().optOutputMode(OutputMode.TF_IDF).build();
        a.adapt(corpus);
        b.adapt(shuffled);
        assertEquals(a.getVocabulary(), b.getVocabulary());
        assertArrayEquals(a.idfWeights(), b.idfWeights());
    }

    @Property(tries = 100)
    void countsMergedFromAnySplitEqualCountsOfTheWhole(@ForAll @Size(max = 30) List<@StringLength(max = 20) String> corpus,
                                                       @ForAll @IntRange(min = 1, max = 7) int parts) {
        TokenStream stream = new TokenStream(Standardization.LOWER_AND_STRIP_PUNCTUATION, Split.WHITESPACE, null);
        TokenCounts whole = count(stream, corpus, 0, corpus.size());
        List<TokenCounts> pieces = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            pieces.add(count(stream, corpus, corpus.size() * p / parts, corpus.size() * (p + 1) / parts));
        }
        TokenCounts merged = TokenCounts.mergeAll(pieces);
        assertEquals(whole.texts(), merged.texts());
        assertEquals(whole.ranked(List.of(), Integer.MAX_VALUE), merged.ranked(List.of(), Integer.MAX_VALUE));
    }

    private static TokenCounts count(TokenStream stream, List<String> corpus, int from, int to) {
        TokenCounts counts = new TokenCounts();
        for (int i = from; i < to; i++) {
            long index = i;
            stream.forEach(corpus.get(i), (chars, start, end, hash) -> counts.add(index, chars, start, end, hash));
            counts.endText();
        }
        return counts;
    }

    @Property(tries = 50)
    void aBatchIsVectorizedAsItsTextsOneByOne(@ForAll @Size(min = 1, max = 300) List<@StringLength(max = 40) String> texts,
                                             @ForAll OutputMode mode) {
        TextVectorization v = TextVectorization.builder().optOutputMode(mode).build();
        v.adapt(texts.subList(0, texts.size() / 2));
        float[] batch = (mode == OutputMode.INT ? withLength(mode, v) : v).transform(texts).toArray();
        TextVectorization same = mode == OutputMode.INT ? withLength(mode, v) : v;
        int width = batch.length / texts.size();
        for (int i = 0; i < texts.size(); i++) {
            float[] row = same.transform(List.of(texts.get(i))).toArray();
            assertArrayEquals(row, java.util.Arrays.copyOfRange(batch, i * width, (i + 1) * width), "text " + i);
        }
    }

    /** A copy of {@code v} with a fixed output length, so rows of one text and of a batch align. */
    private static TextVectorization withLength(OutputMode mode, TextVectorization v) {
        TextVectorization fixed = TextVectorization.builder().optOutputMode(mode).optOutputSequenceLength(16).build();
        fixed.setVocabulary(v.getVocabulary());
        return fixed;
    }
}
