package org.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurite.cli.recipes.Recipe;
import org.neurite.cli.recipes.Recipes;
import org.neurite.keras.KerasFiles;
import org.neurite.keras.Npz;
import org.neurite.keras.Parity;
import org.neurite.nn.Network;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.testing.Tolerances;

/**
 * Every recipe's network (the MNIST MLP, the IMDB bag-of-words, LSTM and bidirectional LSTM, the
 * text classifier, ...) exported as .keras imports back to the same predictions; where the
 * environment variable NEURITE_KERAS_PYTHON names a Python with Keras 3, Keras loads the archive
 * and, after zeroing its weights, the exported legacy .h5 weights, and predicts the same
 * (neurite-keras' make_fixtures.py --check-export; NEURITE_KERAS_HUB_SOURCE may name a keras-hub
 * source checkout for the recipes built from KerasHub's layers).
 */
class RecipeKerasExportTest {
    private static final Path SCRIPT = Path.of("..", "neurite-keras", "src", "test", "resources", "keras",
            "make_fixtures.py");
    private static final int BATCH = 3;
    private static final int STEPS = 12;

    @TempDir
    Path dir;

    static List<String> recipes() {
        return Recipes.all().stream().map(Recipe::name).toList();
    }

    @ParameterizedTest
    @MethodSource("recipes")
    void recipeNetworkExportedToKerasPredictsTheSame(String name) throws IOException, InterruptedException {
        Network network = Recipes.named(name).model(7).network();
        network.build();
        Map<String, Tensor> cases = new LinkedHashMap<>();
        List<Tensor> inputs = new ArrayList<>();
        for (int i = 0; i < network.inputShapes().size(); i++) {
            inputs.add(input(network.inputShapes().get(i), i));
            cases.put("input_" + i, inputs.get(i));
        }
        List<Tensor> expected = Parity.predict(network, inputs);
        for (int i = 0; i < expected.size(); i++) {
            cases.put("output_" + i, expected.get(i));
        }
        Path keras = dir.resolve(name + ".keras");
        Path weights = dir.resolve(name + ".h5");
        KerasFiles.save(network, keras);
        KerasFiles.saveWeights(network, weights);
        Parity parity = Parity.check(KerasFiles.load(keras).model(), cases);
        assertTrue(parity.maxAbsDiff() <= Tolerances.ROUNDING, name + ": " + parity.outputs());
        String python = System.getenv("NEURITE_KERAS_PYTHON");
        if (python != null && Files.isExecutable(Path.of(python))) {
            Path npz = dir.resolve(name + ".npz");
            Npz.write(npz, cases);
            List<String> command = new ArrayList<>(List.of(python, SCRIPT.toString(), "--check-export",
                    keras.toString(), npz.toString(), "--weights", weights.toString()));
            String hubSource = System.getenv("NEURITE_KERAS_HUB_SOURCE");   // where keras-hub is not installed
            if (hubSource != null) {
                command.addAll(List.of("--keras-hub-source", hubSource));
            }
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(300, TimeUnit.SECONDS), name + ": Keras did not finish");
            assertEquals(0, p.exitValue(), name + ": " + out);
        }
    }

    /**
     * A batch of input {@code index}: small whole numbers, 1 or 2 with zeros (padding) at the tails, so
     * that the same values are valid token ids for any embedding and plain numbers for dense inputs.
     */
    private static Tensor input(int[] shape, int index) {
        int[] batchShape = new int[shape.length + 1];
        batchShape[0] = BATCH;
        for (int i = 0; i < shape.length; i++) {
            batchShape[i + 1] = shape[i] < 0 ? STEPS : shape[i];
        }
        int last = batchShape[batchShape.length - 1];
        Rng rng = new Rng(3 + index);
        int[] ids = new int[Arrays.stream(batchShape).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i % last > last - 3 ? 0 : 1 + rng.nextInt(2);
        }
        return Tensor.ofInts(ids, batchShape);
    }
}
