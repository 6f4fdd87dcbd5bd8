package org.neurite.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.text.OutputMode;
import org.neurite.text.Standardization;
import org.neurite.text.TextVectorization;
import org.neurite.text.TextVectorizationState;

/**
 * Model files written before Keras' names meant Keras' behaviour (no vectorizer version) keep
 * their Unicode-aware standardization and split when loaded: the fixtures in
 * {@code reference/text/version1} were saved by that version, with the outputs it computed.
 */
class VersionOneVectorizerTest {
    private static final String FOLDER = "/reference/text/version1/";

    @TempDir
    Path dir;

    @Test
    void aTfIdfVectorizerOfVersionOneGivesItsOldVocabularyAndOutputs() throws IOException {
        TextVectorizationState state = loaded("v1_tf_idf.neurite");

        assertEquals("unicode_lower_and_strip_punctuation", state.config().get("standardize"));
        assertEquals("unicode_whitespace", state.config().get("split"));
        assertSameAsVersionOne("v1_tf_idf", TextVectorization.fromState(state));
    }

    @Test
    void anIntVectorizerOfVersionOneWithLowerGivesItsOldVocabularyAndOutputs() throws IOException {
        TextVectorizationState state = loaded("v1_int_lower.neurite");

        assertEquals("unicode_lower", state.config().get("standardize"));
        assertSameAsVersionOne("v1_int_lower", TextVectorization.fromState(state));
    }

    @Test
    void aVersionOneVectorizerSavedAgainKeepsItsBehaviour() throws IOException {
        TextVectorizationState state = loaded("v1_tf_idf.neurite");
        Path file = dir.resolve("resaved.neurite");

        ModelFile.save(ModelFileFixtures.sequential(1), null, Map.of(), state, file);

        assertEquals(state, ModelFile.load(file).vectorizer().orElseThrow());
        assertTrue(ModelFileFixtures.header(file).contains("\"version\" : 2"), "the new file says version 2");
    }

    @Test
    void kerasNamesSavedTodayStayKerasNames() throws IOException {
        TextVectorization keras = TextVectorization.builder().optOutputMode(OutputMode.COUNT).build();
        keras.adapt(List.of("CAFÉ «Quoted» great<br />film"));
        Path file = dir.resolve("keras.neurite");

        ModelFile.save(ModelFileFixtures.sequential(1), null, Map.of(), keras.state(), file);
        TextVectorizationState loaded = ModelFile.load(file).vectorizer().orElseThrow();

        assertEquals(Standardization.LOWER_AND_STRIP_PUNCTUATION.configName(), loaded.config().get("standardize"));
        assertEquals(keras.getVocabulary(), TextVectorization.fromState(loaded).getVocabulary());
        assertTrue(loaded.vocabulary().containsAll(List.of("cafÉ", "«quoted»", "greatbr")), loaded.vocabulary()::toString);
    }

    @Test
    void refusesAVectorizerVersionItDoesNotKnow() throws IOException {
        Path file = dir.resolve("future.neurite");
        Files.copy(resource("v1_tf_idf.neurite"), file);
        ModelFileFixtures.rewriteHeader(file, h -> h.replace("\"class_name\" : \"TextVectorization\"",
                "\"class_name\" : \"TextVectorization\", \"version\" : 3"));

        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().contains("unknown text vectorization version 3"), e::getMessage);
    }

    private void assertSameAsVersionOne(String name, TextVectorization vectorizer) throws IOException {
        JsonNode expected = expected();
        assertEquals(strings(expected.get(name).get("vocabulary")), vectorizer.getVocabulary());
        float[] output = new ObjectMapper().convertValue(expected.get(name).get("output"), float[].class);
        assertArrayEquals(output, vectorizer.transform(strings(expected.get("queries"))).toArray());
    }

    private TextVectorizationState loaded(String fixture) throws IOException {
        Path file = dir.resolve(fixture);
        Files.copy(resource(fixture), file);
        assertTrue(!ModelFileFixtures.header(file).contains("\"version\""), "a version-1 file has no vectorizer version");
        return ModelFile.load(file).vectorizer().orElseThrow();
    }

    private static Path resource(String name) {
        try {
            return Path.of(VersionOneVectorizerTest.class.getResource(FOLDER + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode expected() throws IOException {
        try (InputStream in = VersionOneVectorizerTest.class.getResourceAsStream(FOLDER + "v1_expected.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.asText()));
        return out;
    }
}
