package org.neurite.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.nn.Network;
import org.neurite.tensor.Tensor;
import org.neurite.text.OutputMode;
import org.neurite.text.TextVectorization;
import org.neurite.text.TextVectorizationState;

/** A model file carries its text vectorizer: config, vocabulary (any Unicode) and idf weights, all checksummed. */
class ModelFileVectorizerTest {
    private static final List<String> TEXTS = List.of("Schöne Grüße aus Köln", "東京 は 大きい 東京",
            "emoji 😀 time 😀 😀", "naïve café, naïve résumé", "plain words and more plain words");

    @TempDir
    Path dir;

    @Test
    void tfIdfVectorizerRoundTripsWithUnicodeVocabularyAndIdfWeights() throws IOException {
        TextVectorization vectorizer = TextVectorization.builder().optOutputMode(OutputMode.TF_IDF).optNgrams(2).build();
        vectorizer.adapt(TEXTS);
        Path file = dir.resolve("bow.neurite");

        ModelFile.save(ModelFileFixtures.sequential(1), null, Map.of(), vectorizer.state(), file);
        TextVectorizationState loaded = ModelFile.load(file).vectorizer().orElseThrow();

        assertEquals(vectorizer.state(), loaded);
        assertTrue(loaded.vocabulary().containsAll(List.of("東京", "😀", "grüße", "naïve café")), loaded.vocabulary()::toString);
        assertArrayEquals(vectorizer.idfWeights(), loaded.idfWeights());
        Tensor expected = vectorizer.transform(TEXTS);
        assertArrayEquals(expected.toArray(), TextVectorization.fromState(loaded).transform(TEXTS).toArray());
    }

    @Test
    void intVectorizerRoundTripsWithoutIdfWeights() throws IOException {
        TextVectorization vectorizer = TextVectorization.builder().optMaxTokens(10).optOutputSequenceLength(6).build();
        vectorizer.adapt(TEXTS);
        Path file = dir.resolve("seq.neurite");
        Network model = ModelFileFixtures.sequential(2);

        ModelFile.save(model, null, Map.of("recipe", "test"), vectorizer.state(), file);
        LoadedModel loaded = ModelFile.load(file);

        assertEquals(vectorizer.state(), loaded.vectorizer().orElseThrow());
        assertEquals(null, loaded.vectorizer().orElseThrow().idfWeights());
        assertEquals("", loaded.vectorizer().orElseThrow().vocabulary().get(0));
        assertEquals(Map.of("recipe", "test"), loaded.metadata());
    }

    @Test
    void modelsSavedWithoutAVectorizerHaveNone() throws IOException {
        Path file = dir.resolve("plain.neurite");
        ModelFile.save(ModelFileFixtures.sequential(3), file);

        assertTrue(ModelFile.load(file).vectorizer().isEmpty());
    }

    @Test
    void refusesInconsistentVectorizerSections() throws IOException {
        Path file = savedTfIdf();
        ModelFileFixtures.rewriteHeader(file, h -> h.replace("\"output_mode\" : \"tf_idf\"", "\"output_mode\" : \"int\""));
        assertRefused(file, "idf_weights should only be set if output_mode is 'tf_idf'");

        file = savedTfIdf();
        ModelFileFixtures.rewriteHeader(file, h -> h.replaceFirst("\"vocabulary_size\" : (\\d+)", "\"vocabulary_size\" : 3"));
        assertRefused(file, "vectorizer: config declares vocabulary_size 3 but the file holds");

        file = savedTfIdf();
        ModelFileFixtures.rewriteHeader(file, h -> h.replace("\"split\" : \"whitespace\"", "\"split\" : 7"));
        assertRefused(file, "vectorizer.config: 'split' must be a string");

        file = savedTfIdf();
        ModelFileFixtures.rewriteHeader(file, h -> h.replace("\"sparse\" : false", "\"sparse\" : false, \"extra\" : 1"));
        assertRefused(file, "vectorizer.config: unknown field [extra]");

        file = savedTfIdf();
        ModelFileFixtures.rewriteHeader(file, h -> h.replaceFirst("\"count\" : (\\d+)", "\"count\" : 2"));
        assertRefused(file, "bytes follow the last of its 2 tokens");

        file = savedTfIdf();
        ModelFileFixtures.rewriteHeader(file, h -> h.replaceFirst("\"count\" : (\\d+)", "\"count\" : 100000"));
        assertRefused(file, "declares 100000 tokens");
    }

    @Test
    void refusesMalformedUtf8AndDuplicateTokens() throws IOException {
        Path file = savedTfIdf();
        byte[] bytes = Files.readAllBytes(file);
        int last = bytes.length - Container.CHECKSUM_BYTES - 1; // the last byte of the last token
        bytes[last] = (byte) 0xC3;                          // a lead byte with nothing after it
        Files.write(file, bytes);
        ModelFileFixtures.rewriteHeader(file, h -> h);      // checksum made right again
        assertRefused(file, "is not well-formed UTF-8");

        TextVectorizationState state = tfIdf().state();
        List<String> doubled = new java.util.ArrayList<>(state.vocabulary());
        doubled.set(doubled.size() - 1, doubled.get(doubled.size() - 2));
        ModelFile.save(ModelFileFixtures.sequential(1), null, Map.of(),
                new TextVectorizationState(state.config(), doubled, state.idfWeights()), file);
        assertRefused(file, "twice");
    }

    @Test
    void aFlippedVocabularyByteFailsTheChecksum() throws IOException {
        Path file = savedTfIdf();
        ModelFileFixtures.flipByte(file, (int) Files.size(file) - 40, 0x01);

        assertRefused(file, "checksum mismatch");
    }

    private static TextVectorization tfIdf() {
        TextVectorization vectorizer = TextVectorization.builder().optOutputMode(OutputMode.TF_IDF).build();
        vectorizer.adapt(TEXTS);
        return vectorizer;
    }

    private Path savedTfIdf() throws IOException {
        Path file = dir.resolve("tfidf.neurite");
        ModelFile.save(ModelFileFixtures.sequential(1), null, Map.of(), tfIdf().state(), file);
        return file;
    }

    private static void assertRefused(Path file, String expected) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains(expected), e::getMessage);
    }
}
