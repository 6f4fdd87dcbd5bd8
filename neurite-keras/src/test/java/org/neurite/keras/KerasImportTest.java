package org.neurite.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.neurite.io.LoadedModel;
import org.neurite.nn.FunctionalNetwork;
import org.neurite.nn.Layer;
import org.neurite.nn.Network;
import org.neurite.nn.SequentialNetwork;
import org.neurite.nn.layers.Dense;
import org.neurite.tensor.Tensor;
import org.neurite.testing.Tolerances;

/**
 * Keras 3 models saved by make_fixtures.py (beside the fixtures) are imported and predict what Keras
 * predicted for the recorded inputs.
 */
class KerasImportTest {
    static Path fixture(String name) {
        try {
            return Path.of(KerasImportTest.class.getResource("/keras/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mnist_mlp", "imdb_lstm", "gru_reset_after", "gru_reset_before", "bidirectional_concat",
            "bidirectional_sum", "bidirectional_mul", "bidirectional_ave", "bidirectional_none",
            "bidirectional_custom_concat", "bidirectional_custom_sum", "two_in_two_out", "functional_masks", "conv1d",
            "attention", "transformer", "nested_sequential", "nested_encoder", "nested_shared", "nested_deep",
            "masked_attention", "masked_transformer"})
    void importedKerasArchivePredictsWhatKerasPredicted(String name) throws IOException {
        LoadedModel loaded = KerasFiles.load(fixture(name + ".keras"));
        Map<String, Tensor> cases = Npz.read(fixture(name + ".npz"));
        Parity parity = Parity.check(loaded.model(), cases);
        assertTrue(parity.maxAbsDiff() <= Tolerances.ROUNDING, name + ": " + parity.outputs());
        assertEquals("keras", loaded.metadata().get("format"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"legacy_mlp", "keras2_two_in_two_out", "keras2_nested_shared", "nested_sequential",
            "nested_encoder", "nested_shared", "nested_deep"})
    void importedLegacyH5PredictsWhatKerasPredicted(String name) throws IOException {
        LoadedModel loaded = KerasFiles.load(fixture(name + ".h5"));
        Parity parity = Parity.check(loaded.model(), Npz.read(fixture(name + ".npz")));
        assertTrue(parity.maxAbsDiff() <= Tolerances.ROUNDING, name + ": " + parity.outputs());
        assertEquals("h5", loaded.metadata().get("format"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nested_sequential.keras", "nested_sequential.h5"})
    void nestedSequentialInSequentialBecomesItsLayersInPlace(String file) throws IOException {
        Network model = KerasFiles.load(fixture(file)).model();
        assertInstanceOf(SequentialNetwork.class, model);
        assertEquals(List.of("hidden", "block_hidden", "batch_normalization", "dense", "dense_1"),
                model.layers().stream().map(Layer::name).toList(), "the inner 'hidden' gives way to the outer one");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nested_shared.keras", "nested_shared.h5"})
    void nestedModelCalledTwiceSharesItsLayers(String file) throws IOException {
        FunctionalNetwork model = (FunctionalNetwork) KerasFiles.load(fixture(file)).model();
        assertEquals(List.of("concatenate", "head", "tower_hidden", "tower_out"),
                model.layers().stream().map(Layer::name).sorted().toList());
        Layer hidden = model.layers().stream().filter(l -> l.name().equals("tower_hidden")).findFirst().orElseThrow();
        Dense head = (Dense) model.layers().stream().filter(l -> l.name().equals("head")).findFirst().orElseThrow();
        assertEquals(4, hidden.parameters().get(0).value().shape()[1]);
        assertEquals(3 + 3 + 4, head.parameters().get(0).value().shape()[0], "both calls' outputs reach the head");
    }

    @ParameterizedTest
    @CsvSource({"nested_sequential, block", "nested_encoder, encoder", "nested_shared, tower", "nested_deep, stem"})
    void nestedModelReportsItsOutputUnderItsOwnNameLayerByLayer(String name, String nested) throws IOException {
        KerasImport imported = KerasFiles.read(fixture(name + ".keras"));
        Map<String, Tensor> cases = Npz.read(fixture(name + ".npz"));
        List<Tensor> inputs = cases.keySet().stream().filter(k -> k.startsWith("input_")).sorted().map(cases::get)
                .toList();
        Map<String, Tensor> layers = imported.layerOutputs(inputs);
        assertTrue(layers.containsKey(nested), name + ": " + layers.keySet());
        for (Map.Entry<String, Tensor> e : cases.entrySet()) {
            if (e.getKey().startsWith("layer_")) {
                Tensor ours = layers.get(e.getKey().substring("layer_".length()));
                assertTrue(ours != null && Parity.maxAbsDiff(e.getValue(), ours) <= Tolerances.ROUNDING,
                        name + ": " + e.getKey());
            }
        }
    }
}
