package org.neurite.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.nn.Activation;
import org.neurite.nn.Input;
import org.neurite.nn.Network;
import org.neurite.nn.SequentialNetwork;
import org.neurite.nn.SymbolicTensor;
import org.neurite.nn.layers.Bidirectional;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Embedding;
import org.neurite.nn.layers.LSTM;
import org.neurite.tensor.Tensor;
import org.neurite.text.OutputMode;
import org.neurite.text.TextVectorization;

/**
 * Forged files with valid checksums, one per kind an outside test found: each is refused before
 * anything of the size it declares is allocated, with one clean line naming what is wrong.
 */
class ModelFileForgeryTest {
    private static final List<String> TEXTS = List.of("the cat sat", "the dog sat down", "a cat and a dog");

    @TempDir
    Path dir;

    @Test
    void denseWithMillionsOfUnitsIsRefusedBeforeItsKernelExists() throws IOException {
        Path file = saved(ModelFileFixtures.sequential(1));
        ModelFileFixtures.rewriteHeader(file, h -> h.replaceFirst("\"units\" : 5", "\"units\" : 2700000"));

        assertRefused(file, "layer 'logits' (Dense): weight 'logits.kernel' has shape [6, 5] in the file but [6, 2700000]"
                + " in the architecture");
    }

    @Test
    void hugeEmbeddingIsRefusedBeforeItsTableExists() throws IOException {
        Path file = saved(recurrent());
        ModelFileFixtures.rewriteHeader(file, h -> h.replace("\"input_dim\" : 100", "\"input_dim\" : 50000")
                .replace("\"output_dim\" : 8", "\"output_dim\" : 40000"));

        assertRefused(file, "layer 'embedding' (Embedding): weight 'embedding.embeddings' has shape [100, 8] in the file"
                + " but [50000, 40000] in the architecture");
    }

    @Test
    void wrappedLayersAreCheckedAgainstTheFileToo() throws IOException {
        Path file = saved(recurrent());
        ModelFileFixtures.rewriteHeader(file, h -> h.replace("\"units\" : 4", "\"units\" : 40000"));

        assertRefused(file, "layer 'forward_lstm' (LSTM): weight 'forward_lstm.kernel' has shape [8, 16] in the file but"
                + " [8, 160000] in the architecture");
    }

    @Test
    void architecturesAskingForMoreThanTheFileHoldsAreRefused() throws IOException {
        Path file = saved(recurrent());
        // A copy of the first Bidirectional: its inner weights match the file's by suffix and shape,
        // but the file holds only two sets of them.
        ModelFileFixtures.rewriteHeader(file, h -> {
            ObjectNode header = (ObjectNode) HeaderJson.parse(h.getBytes(StandardCharsets.UTF_8), "test");
            ArrayNode layers = (ArrayNode) header.at("/architecture/config/layers");
            ObjectNode copy = layers.get(1).deepCopy();
            ((ObjectNode) copy.get("config")).put("name", "bidirectional_copy");
            layers.insert(2, copy);
            return header.toString();
        });

        assertRefused(file, "layer 'forward_lstm' (LSTM): weight 'forward_lstm.kernel': the architecture asks for more"
                + " than the 1641 weight values the file holds");
    }

    @Test
    void vectorizerNgramOrdersAndTokenCountsAreBounded() throws IOException {
        assertVectorizerRefused("\"ngrams\" : 2", "\"ngrams\" : 2147483647", "'ngrams' is 2147483647; model files hold at most 16");
        assertVectorizerRefused("\"ngrams\" : 2", "\"ngrams\" : 100000", "'ngrams' is 100000; model files hold at most 16");
        assertVectorizerRefused("\"ngrams\" : 2", "\"ngrams\" : [ 1, 100000 ]", "'ngrams' is 100000");
        assertVectorizerRefused("\"max_tokens\" : 50", "\"max_tokens\" : 2147483647",
                "'max_tokens' is 2147483647; model files hold at most 1048576");
        assertVectorizerRefused("\"output_sequence_length\" : null", "\"output_sequence_length\" : 2147483647",
                "'output_sequence_length' is 2147483647; model files hold at most 1048576");
    }

    @Test
    void nonFiniteWeightsAreRefusedNamingTheTensor() throws IOException {
        Path file = saved(ModelFileFixtures.sequential(1));
        ModelFileFixtures.rewriteData(file, data -> data.putFloat(4 * 7, Float.NaN));
        assertRefused(file, "weight 'dense.kernel' holds NaN at index 7 of its 72 values");

        file = saved(ModelFileFixtures.sequential(1));
        ModelFileFixtures.rewriteData(file, data -> data.putFloat(4 * 72, Float.NEGATIVE_INFINITY));
        assertRefused(file, "weight 'dense.bias' holds -Infinity at index 0");
    }

    @Test
    void nonFiniteIdfWeightsAreRefusedNamingTheTensor() throws IOException {
        Path file = savedWithVectorizer();
        int idfStart = ModelFileFixtures.header(file).indexOf("vectorizer.idf_weights");
        long offset = Long.parseLong(ModelFileFixtures.header(file).substring(idfStart)
                .replaceFirst("(?s).*?\"offset\" : (\\d+).*", "$1"));
        ModelFileFixtures.rewriteData(file, data -> data.putFloat((int) offset + 8, Float.POSITIVE_INFINITY));

        assertRefused(file, "vectorizer 'vectorizer.idf_weights' holds Infinity at index 2");
    }

    @Test
    void aChainOfTenThousandNodesLoadsWithoutRecursion() throws IOException {
        SymbolicTensor in = Input.of(4);
        Dense shared = new Dense(4, Activation.TANH);
        SymbolicTensor x = in;
        for (int i = 0; i < ModelFileLimits.MAX_LAYERS; i++) {
            x = shared.apply(x);
        }
        Network model = Network.functional(in, x).seed(5).build();
        Path file = saved(model);
        Tensor input = ModelFileFixtures.randomInput(6, 3, 4);

        assertArrayEquals(model.predict(input, 3).toArray(), ModelFile.load(file).model().predict(input, 3).toArray());
    }

    @Test
    void moreNodesOrLayersThanTheLimitAreRefusedBeforeAnyIsMade() throws IOException {
        StringBuilder layers = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            layers.append(i == 0 ? "" : ",").append("{\"class_name\":\"Activation\",\"config\":{\"name\":\"a")
                    .append(i).append("\",\"activation\":\"linear\"}}");
        }
        Path file = forged("{\"library_version\":\"0.1.0\",\"seed\":1,\"metadata\":{},\"weights\":[],"
                + "\"architecture\":{\"class_name\":\"Sequential\",\"input_shape\":[4],"
                + "\"config\":{\"name\":\"sequential\",\"layers\":[" + layers + "]}}}");

        assertRefused(file, "architecture.config: declares 100000 layers; model files hold at most 10000");
    }

    @Test
    void aSequentialModelAtTheLayerLimitLoads() throws IOException {
        SequentialNetwork model = new SequentialNetwork(3);
        for (int i = 0; i < ModelFileLimits.MAX_LAYERS; i++) {
            model.add(new org.neurite.nn.layers.ActivationLayer(Activation.RELU));
        }
        Path file = saved(model.seed(1));

        Network loaded = ModelFile.load(file).model();

        assertEquals(ModelFileLimits.MAX_LAYERS, loaded.layers().size());
        assertEquals("activation_9999", loaded.layers().get(ModelFileLimits.MAX_LAYERS - 1).name());
    }

    @Test
    void deeplyNestedJsonIsRefusedInTheReadersTerms() throws IOException {
        Path file = saved(ModelFileFixtures.sequential(1));
        ModelFileFixtures.rewriteHeader(file, h -> h.replaceFirst("\\{", "{\"deep\":" + "[".repeat(5000) + "]".repeat(5000) + ","));

        assertRefused(file, "header: nested more than 32 levels deep, the most model files hold (line 1, column 41)");
    }

    @Test
    void aFifteenMegabyteStringIsNotEchoed() throws IOException {
        Path file = saved(ModelFileFixtures.sequential(1));
        ModelFileFixtures.rewriteHeader(file, h -> h.replace("\"logits\"", "\"" + "x".repeat(15_000_000) + "\""));

        assertRefused(file, "header: a name, string or number is too long (model files hold strings and names of at"
                + " most 1048576 characters");
    }

    @Test
    void longNamesAreCutInMessages() throws IOException {
        Path file = saved(ModelFileFixtures.sequential(1));
        String name = "y".repeat(500_000);
        ModelFileFixtures.rewriteHeader(file, h -> h.replace("\"Reshape\"", "\"" + name + "\""));

        ModelFileException e = assertRefused(file, "layer 'reshape' (" + "y".repeat(Echo.MAX_ECHO));
        assertTrue(e.getMessage().endsWith(" characters)"), e.getMessage()::toString);
    }

    @Test
    void headersOverTheLimitAreRefusedBeforeTheyAreRead() throws IOException {
        Path file = saved(ModelFileFixtures.sequential(1));
        ModelFileFixtures.rewriteHeader(file, h -> h + " ".repeat((int) ModelFileLimits.MAX_HEADER_BYTES));

        assertRefused(file, "declares a header of " + (ModelFileFixtures.header(file).getBytes(StandardCharsets.UTF_8).length)
                + " bytes; model files hold at most 16777216");
    }

    @Test
    void foldersAreRefusedAsNotRegularFiles() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("model.neurite"));

        assertRefused(folder, "is not a regular file");
    }

    @Test
    void savingRefusesWhatLoadingWouldRefuse() {
        TextVectorization wide = TextVectorization.builder().optNgrams(ModelFileLimits.MAX_NGRAM_ORDER + 1).build();
        wide.adapt(TEXTS);
        Path file = dir.resolve("never-written.neurite");

        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ModelFile.save(ModelFileFixtures.sequential(1), null, Map.of(), wide.state(), file));
        assertTrue(e.getMessage().contains("the vectorizer cannot be saved: vectorizer.config: 'ngrams' is 17; model files"
                + " hold at most 16"), e.getMessage());

        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> ModelFile.save(
                ModelFileFixtures.sequential(1), null, Map.of("notes", "n".repeat(ModelFileLimits.MAX_STRING_CHARS + 1)), file));
        assertTrue(e.getMessage().startsWith("model 'sequential' cannot be saved: header: a name, string or number is too long"),
                e.getMessage());
        assertTrue(Files.notExists(file));
    }

    private void assertVectorizerRefused(String original, String forged, String expected) throws IOException {
        Path file = savedWithVectorizer();
        String header = ModelFileFixtures.header(file);
        assertTrue(header.contains(original), original);
        ModelFileFixtures.rewriteHeader(file, h -> h.replace(original, forged));

        assertRefused(file, "vectorizer.config: " + expected);
    }

    private static ModelFileException assertRefused(Path file, String expected) throws IOException {
        ModelFileException e = CleanRefusal.assertRefused(file);
        assertTrue(e.getMessage().contains(expected), () -> "expected '" + expected + "' in: " + e.getMessage());
        return e;
    }

    /** Embedding, then two Bidirectional LSTMs, then Dense: weights inside wrappers. */
    private static Network recurrent() {
        return SequentialNetwork.of(Input.of(10),
                Embedding.builder().setInputDim(100).setOutputDim(8).build(),
                new Bidirectional(LSTM.builder().setUnits(4).optReturnSequences(true).build()),
                new Bidirectional(LSTM.builder().setUnits(4).build()),
                new Dense(1)).seed(3).build();
    }

    private Path saved(Network model) throws IOException {
        Path file = Files.createTempFile(dir, "model", ".neurite");
        ModelFile.save(model, file);
        return file;
    }

    private Path savedWithVectorizer() throws IOException {
        TextVectorization vectorizer = TextVectorization.builder().optOutputMode(OutputMode.TF_IDF).optNgrams(2)
                .optMaxTokens(50).build();
        vectorizer.adapt(TEXTS);
        Path file = Files.createTempFile(dir, "text", ".neurite");
        ModelFile.save(ModelFileFixtures.sequential(1), null, Map.of(), vectorizer.state(), file);
        return file;
    }

    private Path forged(String header) throws IOException {
        Path file = Files.createTempFile(dir, "forged", ".neurite");
        Files.write(file, ModelFileFixtures.forge(header.getBytes(StandardCharsets.UTF_8), new byte[0]));
        return file;
    }
}
