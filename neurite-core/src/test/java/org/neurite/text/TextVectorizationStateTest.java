package org.neurite.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** state() and fromState(): a layer rebuilt from its state vectorizes exactly as the original. */
class TextVectorizationStateTest {
    private static final List<String> CORPUS = List.of("the cat sat", "the dog sat on the mat", "a cat");

    @Test
    void configUsesKerasKeysAndValues() {
        TextVectorization v = TextVectorization.builder().optMaxTokens(100).optNgrams(2).optOutputSequenceLength(8).build();
        v.adapt(CORPUS);
        Map<String, Object> config = v.config();
        assertEquals(List.of("max_tokens", "standardize", "split", "ngrams", "output_mode", "output_sequence_length",
                "pad_to_max_tokens", "sparse", "ragged", "encoding", "vocabulary_size"), List.copyOf(config.keySet()));
        assertEquals(100, config.get("max_tokens"));
        assertEquals("lower_and_strip_punctuation", config.get("standardize"));
        assertEquals("whitespace", config.get("split"));
        assertEquals(2, config.get("ngrams"));
        assertEquals("int", config.get("output_mode"));
        assertEquals(8, config.get("output_sequence_length"));
        assertEquals(v.vocabularySize(), config.get("vocabulary_size"));
        TextVectorization widths = TextVectorization.builder().optNgramWidths(1, 3).optStandardize(Standardization.NONE).build();
        assertEquals(List.of(1, 3), widths.config().get("ngrams"));
        assertEquals(null, widths.config().get("standardize"));
    }

    @Test
    void everyModeRoundTrips() {
        for (OutputMode mode : OutputMode.values()) {
            TextVectorization.Builder b = TextVectorization.builder().optOutputMode(mode).optMaxTokens(6).optNgramWidths(1, 2);
            TextVectorization v = (mode == OutputMode.INT ? b.optOutputSequenceLength(5) : b.optPadToMaxTokens(true)).build();
            v.adapt(CORPUS);
            TextVectorizationState state = v.state();
            TextVectorization restored = TextVectorization.fromState(state);
            assertEquals(state, restored.state(), mode.toString());
            assertArrayEquals(v.transform(CORPUS).toArray(), restored.transform(CORPUS).toArray(), mode.toString());
        }
    }

    @Test
    void customFunctionsMustBeHandedBack() {
        TextVectorization v = TextVectorization.builder().optStandardize(s -> s.toUpperCase(Locale.ROOT))
                .optSplit(s -> List.of(s.split(","))).build();
        v.adapt(List.of("a,b,a"));
        TextVectorizationState state = v.state();
        assertEquals("custom", state.config().get("standardize"));
        assertThrows(IllegalArgumentException.class, () -> TextVectorization.fromState(state));
        TextVectorization restored = TextVectorization.fromState(state, s -> s.toUpperCase(Locale.ROOT), s -> List.of(s.split(",")));
        assertEquals(List.of("", "[UNK]", "A", "B"), restored.getVocabulary());
    }

    @Test
    void unicodeAwareChoicesRoundTripUnderTheirOwnNames() {
        TextVectorization v = TextVectorization.builder().optStandardize(Standardization.UNICODE_LOWER)
                .optSplit(Split.UNICODE_WHITESPACE).build();
        v.adapt(List.of("ＣＡＦÉ\u2028Café"));
        TextVectorizationState state = v.state();
        assertEquals("unicode_lower", state.config().get("standardize"));
        assertEquals("unicode_whitespace", state.config().get("split"));
        assertEquals(List.of("", "[UNK]", "café"), TextVectorization.fromState(state).getVocabulary());
    }

    @Test
    void versionOneNamesMeanTheUnicodeAwareBehaviour() {
        for (Standardization keras : List.of(Standardization.LOWER_AND_STRIP_PUNCTUATION, Standardization.LOWER,
                Standardization.STRIP_PUNCTUATION, Standardization.NONE)) {
            TextVectorization v = TextVectorization.builder().optStandardize(keras).build();
            v.adapt(CORPUS);
            Map<String, Object> upgraded = v.state().upgradedFrom(1).config();
            Standardization expected = keras == Standardization.NONE ? keras : Standardization.valueOf("UNICODE_" + keras.name());
            assertEquals(expected.configName(), upgraded.get("standardize"), keras.name());
            assertEquals("unicode_whitespace", upgraded.get("split"));
        }
        TextVectorization characters = TextVectorization.builder().optSplit(Split.CHARACTER).build();
        assertEquals("character", characters.state().upgradedFrom(1).config().get("split"));
        assertEquals(characters.state(), characters.state().upgradedFrom(TextVectorizationState.VERSION));
        assertThrows(IllegalArgumentException.class, () -> characters.state().upgradedFrom(3));
    }
}
