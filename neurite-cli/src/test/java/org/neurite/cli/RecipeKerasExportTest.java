package org.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.neurite.nn.Layer;
import org.neurite.nn.Network;
import org.neurite.nn.layers.Embedding;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.testing.Tolerances;

/**
 * Every recipe's network (the MNIST MLP, the IMDB bag-of-words, LSTM and bidirectional LSTM, the
 * text classifier, ...) exported as .keras imports back to the same predictions; where the
 * environment variable NEURITE_KERAS_PYTHON names a Python with Keras 3, Keras loads the archive
 * and, after zeroing its weights, the exported legacy .h5 weights, and predicts the same
 * (neurite-keras' make_fixtures.py --check-export).
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
        Tensor x = input(network);
        Tensor expected = network.predict(x, BATCH);
        Path keras = dir.resolve(name + ".keras");
        Path weights = dir.resolve(name + ".h5");
        KerasFiles.save(network, keras);
        KerasFiles.saveWeights(network, weights);
        Map<String, Tensor> cases = new LinkedHashMap<>();
        cases.put("input_0", x);
        cases.put("output_0", expected);
        Parity parity = Parity.check(KerasFiles.load(keras).model(), cases);
        assertTrue(parity.maxAbsDiff() <= Tolerances.ROUNDING, name + ": " + parity.outputs());
        String python = System.getenv("NEURITE_KERAS_PYTHON");
        if (python != null && Files.isExecutable(Path.of(python))) {
            Path npz = dir.resolve(name + ".npz");
            Npz.write(npz, cases);
            Process p = new ProcessBuilder(python, SCRIPT.toString(), "--check-export", keras.toString(),
                    npz.toString(), "--weights", weights.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(300, TimeUnit.SECONDS), name + ": Keras did not finish");
            assertEquals(0, p.exitValue(), name + ": " + out);
        }
    }

    /** A batch the network reads: token ids below the vocabulary for an Embedding first, floats otherwise. */
    private static Tensor input(Network network) {
        int[] shape = network.inputShapes().get(0).clone();
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shape[i] < 0 ? STEPS : shape[i];
        }
        int[] batchShape = new int[shape.length + 1];
        batchShape[0] = BATCH;
        System.arraycopy(shape, 0, batchShape, 1, shape.length);
        Rng rng = new Rng(3);
        Layer first = network.layers().get(0);
        if (first instanceof Embedding embedding) {
            int[] ids = new int[Arrays.stream(batchShape).reduce(1, (a, b) -> a * b)];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = i % STEPS > STEPS - 3 ? 0 : 1 + rng.nextInt(embedding.inputDim() - 1);   // padded tails
            }
            return Tensor.ofInts(ids, batchShape);
        }
        return Tensor.uniform(rng, 0f, 1f, batchShape);
    }
}
