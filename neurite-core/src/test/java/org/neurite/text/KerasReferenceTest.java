package org.neurite.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurite.tensor.Tensor;

/**
 * TextVectorization under Keras' option names gives exactly what Keras 3 gives, on a mixed corpus
 * (accents, Greek and Cyrillic capitals, CJK, emoji, {@code <br />}, Unicode punctuation and
 * spaces, ties, empty texts), in every output mode: the vocabulary in Keras' order, the idf
 * weights, the outputs bit for bit; and a vocabulary learned by Keras and set here gives the same
 * outputs. The fixture comes from {@code reference/text/make_fixtures.py}.
 */
class KerasReferenceTest {
    private static final String FIXTURE = "/reference/text/keras_text_vectorization.json";
    private static final JsonNode ROOT = read();

    /** Keras' defaults, which a case's options override. */
    private static final Map<String, Object> KERAS_DEFAULTS = Map.of("standardize", "lower_and_strip_punctuation",
            "split", "whitespace", "output_mode", "int", "pad_to_max_tokens", false);

    record Case(String name, Map<String, Object> config, List<String> vocabulary, float[] idfWeights, int[] shape,
                float[] output) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        ROOT.get("cases").forEach(c -> cases.add(new Case(c.get("name").asText(), config(c.get("config")),
                strings(c.get("vocabulary")), c.get("idf_weights").isNull() ? null : floats(c.get("idf_weights")),
                new ObjectMapper().convertValue(c.get("shape"), int[].class), floats(c.get("output")))));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void adaptGivesKerasVocabularyIdfWeightsAndOutputs(Case c) {
        TextVectorization layer = layer(c);
        layer.adapt(strings(ROOT.get("corpus")));

        assertEquals(c.vocabulary(), layer.getVocabulary());
        assertIdfWeights(c, layer.idfWeights());
        assertOutput(c, layer.transform(strings(ROOT.get("queries"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void kerasVocabularySetHereGivesKerasOutputs(Case c) {
        TextVectorization layer = layer(c);
        float[] idf = c.idfWeights() == null ? null : Arrays.copyOf(c.idfWeights(), c.vocabulary().size());
        layer.setVocabulary(c.vocabulary(), idf);

        assertEquals(c.vocabulary(), layer.getVocabulary());
        assertOutput(c, layer.transform(strings(ROOT.get("queries"))));
    }

    private static TextVectorization layer(Case c) {
        return KerasTextConfig.builder(c.config(), null, null).build();
    }

    /** Keras pads the idf weights with zeros up to max_tokens under pad_to_max_tokens; Neurite keeps one per entry. */
    private static void assertIdfWeights(Case c, float[] actual) {
        if (c.idfWeights() == null) {
            assertNull(actual);
            return;
        }
        float[] expected = c.idfWeights();
        assertArrayEquals(Arrays.copyOf(expected, actual.length), actual, c.name());
        for (int i = actual.length; i < expected.length; i++) {
            assertEquals(0f, expected[i], "Keras pads with zeros");
        }
    }

    private static void assertOutput(Case c, Tensor actual) {
        assertArrayEquals(c.shape(), actual.shape(), c.name() + " shape");
        assertArrayEquals(c.output(), actual.toArray(), c.name());
    }

    private static Map<String, Object> config(JsonNode options) {
        Map<String, Object> config = new LinkedHashMap<>(KERAS_DEFAULTS);
        config.putAll(new ObjectMapper().convertValue(options, Map.class));
        return config;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.asText()));
        return out;
    }

    private static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }

    private static JsonNode read() {
        try (InputStream in = KerasReferenceTest.class.getResourceAsStream(FIXTURE)) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + FIXTURE, e);
        }
    }
}
