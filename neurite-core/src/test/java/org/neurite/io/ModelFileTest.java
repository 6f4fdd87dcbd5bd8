package org.neurite.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.autograd.Variable;
import org.neurite.nn.Activation;
import org.neurite.nn.Input;
import org.neurite.nn.Layer;
import org.neurite.nn.Network;
import org.neurite.nn.Parameter;
import org.neurite.nn.SequentialNetwork;
import org.neurite.nn.layers.Bidirectional;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Embedding;
import org.neurite.nn.layers.GRU;
import org.neurite.nn.layers.LSTM;
import org.neurite.nn.layers.SimpleRNN;
import org.neurite.tensor.Tensor;
import org.neurite.train.Adam;
import org.neurite.train.Losses;
import org.neurite.train.Trainer;

class ModelFileTest {
    @TempDir
    Path dir;

    @Test
    void sequentialRoundTripPredictsBitIdentically() throws IOException {
        Network model = ModelFileFixtures.sequential(42);
        Path file = dir.resolve("model.neurite");
        Tensor x = ModelFileFixtures.randomInput(1, 16, 4, 3);

        ModelFile.save(model, file);
        Network loaded = ModelFile.load(file).model();

        assertArrayEquals(model.predict(x, 5).toArray(), loaded.predict(x, 5).toArray());
        assertEquals(model.parametersByPath().keySet(), loaded.parametersByPath().keySet());
        assertEquals(42, loaded.seed());
    }

    @Test
    void functionalRoundTripKeepsSharedLayersAndEveryOutput() throws IOException {
        Network model = ModelFileFixtures.functional(7);
        Path file = dir.resolve("graph.neurite");
        Variable x = Variable.constant(ModelFileFixtures.randomInput(2, 9, 5));

        ModelFile.save(model, file);
        Network loaded = ModelFile.load(file).model();

        List<Variable> expected = model.callAll(List.of(x), false);
        List<Variable> actual = loaded.callAll(List.of(x), false);
        assertEquals(2, actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i).value().toArray(), actual.get(i).value().toArray());
        }
        assertEquals(model.parameters().size(), loaded.parameters().size());
        assertEquals(model.layers().size(), loaded.layers().size());
    }

    @Test
    void everyLayerComesBackWithTheSameTypeAndConfig() throws IOException {
        Network model = ModelFileFixtures.sequential(3);
        Path file = dir.resolve("model.neurite");

        ModelFile.save(model, file);
        List<Layer> loaded = ModelFile.load(file).model().layers();

        assertEquals(model.layers().size(), loaded.size());
        for (int i = 0; i < loaded.size(); i++) {
            Layer original = model.layers().get(i);
            assertEquals(original.type(), loaded.get(i).type());
            assertEquals(ConfigJson.toJson(original.config(), "original"), ConfigJson.toJson(loaded.get(i).config(), "loaded"));
        }
    }

    @Test
    void recurrentLayersRoundTripWithTheirOptions() throws IOException {
        Network model = SequentialNetwork.of(Input.of(6, 3),
                LSTM.builder().setUnits(4).optReturnSequences(true).optRecurrentDropout(0.2f).build(),
                GRU.builder().setUnits(3).optResetAfter(false).optReturnSequences(true)
                        .optRecurrentActivation(Activation.TANH).build(),
                SimpleRNN.builder().setUnits(2).optActivation(Activation.RELU).optGoBackwards(true).build(),
                new Dense(1)).seed(5);
        Path file = dir.resolve("rnn.neurite");
        Tensor x = ModelFileFixtures.randomInput(3, 4, 6, 3);

        ModelFile.save(model, file);
        Network loaded = ModelFile.load(file).model();

        assertArrayEquals(model.predict(x, 4).toArray(), loaded.predict(x, 4).toArray());
        for (int i = 0; i < model.layers().size(); i++) {
            assertEquals(ConfigJson.toJson(model.layers().get(i).config(), "original"),
                    ConfigJson.toJson(loaded.layers().get(i).config(), "loaded"));
        }
    }

    @Test
    void embeddingAndBidirectionalRoundTripWithTheirMaskAndWeightPaths() throws IOException {
        Network model = SequentialNetwork.of(Input.of(-1),
                Embedding.builder().setInputDim(12).setOutputDim(4).optMaskZero(true).build(),
                new Bidirectional(LSTM.builder().setUnits(3).build(), Bidirectional.MergeMode.SUM),
                new Dense(1, Activation.SIGMOID)).seed(8);
        Path file = dir.resolve("text.neurite");
        Tensor ids = Tensor.of(new float[] {3, 7, 11, 0, 0, 5, 2, 9, 1, 4}, 2, 5);   // the first row padded

        ModelFile.save(model, file);
        Network loaded = ModelFile.load(file).model();

        assertArrayEquals(model.predict(ids, 2).toArray(), loaded.predict(ids, 2).toArray());
        assertEquals(model.parametersByPath().keySet(), loaded.parametersByPath().keySet());
        for (int i = 0; i < model.layers().size(); i++) {
            assertEquals(ConfigJson.toJson(model.layers().get(i).config(), "original"),
                    ConfigJson.toJson(loaded.layers().get(i).config(), "loaded"));
        }
    }

    @Test
    void customBackwardLayerRoundTripsWithItsTypeAndWeights() throws IOException {
        Network model = SequentialNetwork.of(Input.of(-1),
                Embedding.builder().setInputDim(12).setOutputDim(4).optMaskZero(true).build(),
                new Bidirectional(LSTM.builder().setUnits(3).build(), Bidirectional.MergeMode.CONCAT,
                        GRU.builder().setUnits(2).optActivation(Activation.RELU).optGoBackwards(true).build()),
                new Dense(1, Activation.SIGMOID)).seed(9);
        Path file = dir.resolve("custom-backward.neurite");
        Tensor ids = Tensor.of(new float[] {3, 7, 11, 0, 0, 5, 2, 9, 1, 4}, 2, 5);

        ModelFile.save(model, file);
        Network loaded = ModelFile.load(file).model();

        assertArrayEquals(model.predict(ids, 2).toArray(), loaded.predict(ids, 2).toArray());
        Bidirectional bi = (Bidirectional) loaded.layers().get(1);
        assertEquals("GRU", bi.backwardLayer().type());
        assertEquals(Activation.RELU, bi.backwardLayer().activation());
        assertEquals(model.parametersByPath().keySet(), loaded.parametersByPath().keySet());
        assertTrue(model.parametersByPath().containsKey("bidirectional.gru.recurrent_kernel"));
    }

    @Test
    void recordsSeedMetadataAndLibraryVersion() throws IOException {
        Path file = dir.resolve("model.neurite");
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("data_sha256", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db");
        metadata.put("note", "trained on MNIST, ünïcödé kept");

        ModelFile.save(ModelFileFixtures.sequential(-123456789012345L), null, metadata, file);
        LoadedModel loaded = ModelFile.load(file);

        assertEquals(-123456789012345L, loaded.model().seed());
        assertEquals(List.copyOf(metadata.entrySet()), List.copyOf(loaded.metadata().entrySet()));
        assertEquals(Header.LIBRARY_VERSION, loaded.libraryVersion());
        assertFalse(loaded.libraryVersion().isBlank() || loaded.libraryVersion().contains("${"));
        assertTrue(loaded.optimizerState().isEmpty());
    }

    @Test
    void optimizerStateAndStepCountRoundTrip() throws IOException {
        Network model = ModelFileFixtures.sequential(5);
        Trainer trainer = Trainer.compile(model, new Adam(0.01f), Losses.meanSquaredError());
        for (int step = 0; step < 3; step++) {
            trainer.trainOnBatch(ModelFileFixtures.randomInput(step, 8, 4, 3), Tensor.full(0.2f, 8, 5));
        }
        Path file = dir.resolve("training.neurite");

        ModelFile.save(model, trainer.optimizer(), Map.of(), file);
        OptimizerState state = ModelFile.load(file).optimizerState().orElseThrow();

        assertEquals("adam", state.name());
        assertEquals(3, state.iterations());
        assertEquals(0.01f, state.config().get("learning_rate").floatValue());
        Map<String, Tensor> expected = trainer.optimizer().state();
        assertEquals(expected.keySet(), state.slots().keySet());
        expected.forEach((key, value) -> assertArrayEquals(value.toArray(), state.slots().get(key).toArray(), key));
    }

    @Test
    void loadedWeightsAreTheSavedOnes() throws IOException {
        Network model = ModelFileFixtures.sequential(9);
        Path file = dir.resolve("model.neurite");

        ModelFile.save(model, file);
        Map<String, Parameter> loaded = ModelFile.load(file).model().parametersByPath();

        model.parametersByPath().forEach((path, p) ->
                assertArrayEquals(p.value().toArray(), loaded.get(path).value().toArray(), path));
    }

    @Test
    void saveReplacesAnExistingFile() throws IOException {
        Path file = dir.resolve("model.neurite");
        ModelFile.save(ModelFileFixtures.sequential(1), file);

        ModelFile.save(ModelFileFixtures.sequential(2), file);

        assertEquals(2, ModelFile.load(file).model().seed());
        assertEquals(List.of(file), listFolder());
    }

    private List<Path> listFolder() throws IOException {
        try (var files = Files.list(dir)) {
            return files.toList();
        }
    }
}
