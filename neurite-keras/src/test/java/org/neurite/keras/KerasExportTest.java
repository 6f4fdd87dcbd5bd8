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
import org.junit.jupiter.params.provider.ValueSource;
import org.neurite.nn.Network;
import org.neurite.tensor.Tensor;
import org.neurite.testing.Tolerances;

/**
 * Sequential models exported as .keras read back identically here, and, where a Python with Keras 3
 * is named by the environment variable NEURITE_KERAS_PYTHON, Keras' load_model predicts the same
 * (make_fixtures.py --check-export).
 */
class KerasExportTest {
    private static final List<String> SEQUENTIAL = List.of("mnist_mlp", "imdb_lstm", "gru_reset_after",
            "gru_reset_before", "bidirectional_concat", "bidirectional_sum", "bidirectional_mul", "bidirectional_ave");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"mnist_mlp", "imdb_lstm", "gru_reset_after", "gru_reset_before", "bidirectional_concat",
            "bidirectional_sum", "bidirectional_mul", "bidirectional_ave"})
    void exportedArchiveImportsToTheSamePredictions(String name) throws IOException {
        Network model = KerasFiles.load(KerasImportTest.fixture(name + ".keras")).model();
        Path exported = dir.resolve(name + ".keras");
        KerasFiles.save(model, exported);
        Map<String, Tensor> cases = Npz.read(KerasImportTest.fixture(name + ".npz"));
        Parity parity = Parity.check(KerasFiles.load(exported).model(), cases);
        assertTrue(parity.maxAbsDiff() <= Tolerances.ROUNDING, name + ": " + parity.outputs());
    }

    @Test
    void functionalModelIsRefusedForNow() throws IOException {
        Network model = KerasFiles.load(KerasImportTest.fixture("two_in_two_out.keras")).model();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KerasFiles.save(model, dir.resolve("f.keras")));
        assertTrue(e.getMessage().contains("only Sequential models"), e.getMessage());
    }

    @Test
    void kerasLoadsTheExportedArchivesAndPredictsTheSame() throws IOException, InterruptedException {
        String python = System.getenv("NEURITE_KERAS_PYTHON");
        assumeTrue(python != null && Files.isExecutable(Path.of(python)),
                "NEURITE_KERAS_PYTHON names no Python with Keras 3; skipped");
        Path script = KerasImportTest.fixture("make_fixtures.py");
        for (String name : SEQUENTIAL) {
            Path exported = dir.resolve(name + ".keras");
            KerasFiles.save(KerasFiles.load(KerasImportTest.fixture(name + ".keras")).model(), exported);
            Process p = new ProcessBuilder(python, script.toString(), "--check-export", exported.toString(),
                    KerasImportTest.fixture(name + ".npz").toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(300, TimeUnit.SECONDS), name + ": Keras did not finish");
            assertEquals(0, p.exitValue(), name + ": " + out);
        }
    }
}
