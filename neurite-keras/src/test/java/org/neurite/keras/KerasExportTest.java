package org.neurite.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.neurite.nn.Network;
import org.neurite.tensor.Tensor;
import org.neurite.testing.Tolerances;

/**
 * Models exported as .keras read back identically here, and, where a Python with Keras 3 is named by
 * the environment variable NEURITE_KERAS_PYTHON, Keras' load_model predicts the same, and so does the
 * loaded model after its weights are zeroed and read back from the exported legacy .h5 with
 * load_weights (make_fixtures.py --check-export). NEURITE_KERAS_HUB_SOURCE may name a keras-hub
 * source checkout where the keras-hub package is not installed.
 */
class KerasExportTest {
    private static final List<String> FIXTURES = List.of("mnist_mlp", "imdb_lstm", "gru_reset_after",
            "gru_reset_before", "bidirectional_concat", "bidirectional_sum", "bidirectional_mul", "bidirectional_ave",
            "bidirectional_none", "bidirectional_custom_concat", "bidirectional_custom_sum", "two_in_two_out",
            "functional_masks", "conv1d", "attention", "transformer", "nested_sequential", "nested_encoder",
            "nested_shared", "nested_deep", "masked_attention", "masked_transformer");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"mnist_mlp", "imdb_lstm", "gru_reset_after", "gru_reset_before", "bidirectional_concat",
            "bidirectional_sum", "bidirectional_mul", "bidirectional_ave", "bidirectional_none",
            "bidirectional_custom_concat", "bidirectional_custom_sum", "two_in_two_out", "functional_masks", "conv1d",
            "attention", "transformer", "nested_sequential", "nested_encoder", "nested_shared", "nested_deep",
            "masked_attention", "masked_transformer"})
    void exportedArchiveImportsToTheSamePredictions(String name) throws IOException {
        Network model = KerasFiles.load(KerasImportTest.fixture(name + ".keras")).model();
        Path exported = dir.resolve(name + ".keras");
        KerasFiles.save(model, exported);
        Map<String, Tensor> cases = Npz.read(KerasImportTest.fixture(name + ".npz"));
        Parity parity = Parity.check(KerasFiles.load(exported).model(), cases);
        assertTrue(parity.maxAbsDiff() <= Tolerances.ROUNDING, name + ": " + parity.outputs());
    }

    @Test
    void functionalModelIsWrittenWithKerasLayerOrderAndNodes() throws IOException {
        Network model = KerasFiles.load(KerasImportTest.fixture("two_in_two_out.keras")).model();
        Path exported = dir.resolve("f.keras");
        KerasFiles.save(model, exported);
        Map<String, Object> written = KerasArchives.config(exported);
        Map<String, Object> original = KerasArchives.config(KerasImportTest.fixture("two_in_two_out.keras"));
        assertEquals(layerNames(original), layerNames(written), "model.layers order as Keras computes it");
        assertEquals(configOf(original).get("output_layers"), configOf(written).get("output_layers"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mnist_mlp", "two_in_two_out", "conv1d", "transformer"})
    void legacyWeightsFileListsEveryWeightedLayerInKerasOrder(String name) throws IOException {
        Network model = KerasFiles.load(KerasImportTest.fixture(name + ".keras")).model();
        Path weights = dir.resolve(name + ".h5");
        KerasFiles.saveWeights(model, weights);
        try (io.jhdf.HdfFile h5 = new io.jhdf.HdfFile(weights)) {
            String[] layers = (String[]) h5.getAttribute("layer_names").getData();
            List<String> expected = model.layers().stream().filter(l -> !l.parameters().isEmpty())
                    .map(org.neurite.nn.Layer::name).toList();
            assertEquals(expected.size(), layers.length);
            for (String layer : layers) {
                io.jhdf.api.Group group = (io.jhdf.api.Group) h5.getChild(layer);
                String[] names = (String[]) group.getAttribute("weight_names").getData();
                for (String weight : names) {
                    Tensor value = model.parametersByPath().get(weight).value();
                    io.jhdf.api.Dataset d = (io.jhdf.api.Dataset) group.getChild(weight);
                    assertEquals(java.util.Arrays.toString(value.shape()), java.util.Arrays.toString(d.getDimensions()),
                            weight);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> configOf(Map<String, Object> root) {
        return (Map<String, Object>) root.get("config");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> layerNames(Map<String, Object> root) {
        return ((List<Map<String, Object>>) configOf(root).get("layers")).stream().map(l -> l.get("name")).toList();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void kerasLoadsTheExportedArchiveAndWeightsAndPredictsTheSame(String name) throws IOException, InterruptedException {
        String python = kerasPython();
        Network model = KerasFiles.load(KerasImportTest.fixture(name + ".keras")).model();
        assertKerasPredictsTheSame(python, model, name, KerasImportTest.fixture(name + ".npz"));
    }

    /**
     * Neurite's mirror of a go_backwards forward layer reads forwards, while Keras' default clone
     * always reads backwards: the export writes the backward layer, as Keras itself always does.
     */
    @Test
    @SuppressWarnings("unchecked")
    void bidirectionalOverAGoBackwardsLayerIsExportedWithItsBackwardLayer() throws IOException, InterruptedException {
        Network model = org.neurite.nn.SequentialNetwork.of(org.neurite.nn.Input.of(5, 3),
                new org.neurite.nn.layers.Bidirectional(org.neurite.nn.layers.LSTM.builder().setUnits(3)
                        .optGoBackwards(true).build())).seed(4);
        Tensor x = Tensor.normal(new org.neurite.tensor.Rng(5), 0, 1, 2, 5, 3);
        Path exported = dir.resolve("backwards.keras");
        KerasFiles.save(model, exported);
        Map<String, Object> bi = (Map<String, Object>) KerasArchives.layerConfig(KerasArchives.config(exported), 1)
                .get("config");
        Map<String, Object> backward = (Map<String, Object>) ((Map<String, Object>) bi.get("backward_layer"))
                .get("config");
        assertEquals(false, backward.get("go_backwards"));
        assertEquals("backward_lstm", backward.get("name"));
        Map<String, Tensor> cases = Map.of("input_0", x, "output_0", model.predict(x, 2));
        assertTrue(Parity.check(KerasFiles.load(exported).model(), cases).maxAbsDiff() <= Tolerances.ROUNDING);
        String python = System.getenv("NEURITE_KERAS_PYTHON");
        if (python != null && Files.isExecutable(Path.of(python))) {
            Path npz = dir.resolve("backwards.npz");
            Npz.write(npz, new java.util.LinkedHashMap<>(cases));
            assertKerasPredictsTheSame(python, model, "backwards", npz);
        }
    }

    private static String kerasPython() {
        String python = System.getenv("NEURITE_KERAS_PYTHON");
        assumeTrue(python != null && Files.isExecutable(Path.of(python)),
                "NEURITE_KERAS_PYTHON names no Python with Keras 3; skipped");
        return python;
    }

    /** Exports {@code model} as .keras and legacy .h5, and has make_fixtures.py --check-export compare Keras' predictions with {@code npz}'s. */
    private void assertKerasPredictsTheSame(String python, Network model, String name, Path npz)
            throws IOException, InterruptedException {
        Path script = KerasImportTest.fixture("make_fixtures.py");
        Path exported = dir.resolve(name + ".keras");
        Path weights = dir.resolve(name + ".h5");
        KerasFiles.save(model, exported);
        KerasFiles.saveWeights(model, weights);
        List<String> command = new java.util.ArrayList<>(List.of(python, script.toString(), "--check-export",
                exported.toString(), npz.toString(), "--weights", weights.toString()));
        String hubSource = System.getenv("NEURITE_KERAS_HUB_SOURCE");
        if (hubSource != null) {
            command.addAll(List.of("--keras-hub-source", hubSource));
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), name + ": Keras did not finish");
        assertEquals(0, p.exitValue(), name + ": " + out);
    }

    static List<String> fixtures() {
        return FIXTURES;
    }
}
