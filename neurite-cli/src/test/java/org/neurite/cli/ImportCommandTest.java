package org.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.io.LoadedModel;
import org.neurite.io.ModelFile;
import org.neurite.keras.Npz;
import org.neurite.keras.Parity;
import org.neurite.testing.Tolerances;

/**
 * {@code neurite import} and {@code neurite export} on the Keras fixtures of neurite-keras (made by its make_fixtures.py):
 * saving as a Neurite model file, and the parity report with and without {@code --layers}.
 */
class ImportCommandTest {
    /** The fixtures live once, in the neurite-keras module; tests run from this module's folder. */
    private static final Path FIXTURES = Path.of("..", "neurite-keras", "src", "test", "resources", "keras");

    @TempDir
    Path dir;

    private static float lastDiff(String out) {
        List<String> lines = out.lines().toList();
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("max_abs_diff="), out);
        return Float.parseFloat(last.substring("max_abs_diff=".length()));
    }

    @Test
    void checkPrintsEachOutputsDifferenceThenTheLargest() {
        CommandRun run = CommandRun.of("import", FIXTURES.resolve("two_in_two_out.keras").toString(),
                "--check", FIXTURES.resolve("two_in_two_out.npz").toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("output_0 max_abs_diff=") && run.out().contains("output_1 max_abs_diff="),
                run.out());
        assertTrue(lastDiff(run.out()) <= Tolerances.ROUNDING, run.out());
    }

    @Test
    void layersReportComparesEveryLayerKerasRecorded() {
        CommandRun run = CommandRun.of("import", FIXTURES.resolve("two_in_two_out.keras").toString(),
                "--check", FIXTURES.resolve("two_in_two_out.npz").toString(), "--layers");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("layer simple_rnn max_abs_diff="), run.out());
        assertTrue(run.out().contains(" layers agree within") && !run.out().contains("no Keras output"), run.out());
    }

    @Test
    void layersReportNamesTheFirstLayerThatDiffers() {
        CommandRun run = CommandRun.of("import", FIXTURES.resolve("imdb_lstm.keras").toString(),
                "--check", FIXTURES.resolve("imdb_lstm.npz").toString(), "--layers", "--tolerance", "0");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("layer embedding max_abs_diff=0.000e+00"), run.out());
        assertTrue(run.out().contains("outputs start to differ at layer lstm")
                || run.out().contains("all 3 layers agree"), run.out());
    }

    @Test
    void outSavesANeuriteModelThatPredictsTheSame() throws IOException {
        Path saved = dir.resolve("mlp.neurite");
        CommandRun run = CommandRun.of("import", FIXTURES.resolve("legacy_mlp.h5").toString(), "--out", saved.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(Files.exists(saved));
        LoadedModel loaded = ModelFile.load(saved);
        assertEquals(9550, loaded.model().countParams());
    }

    @Test
    void nestedSharedModelSavesAsANeuriteModelThatPredictsTheSame() throws IOException {
        Path saved = dir.resolve("nested.neurite");
        CommandRun run = CommandRun.of("import", FIXTURES.resolve("nested_shared.h5").toString(), "--out",
                saved.toString());
        assertEquals(0, run.status(), run.err());
        LoadedModel loaded = ModelFile.load(saved);
        Parity parity = Parity.check(loaded.model(), Npz.read(FIXTURES.resolve("nested_shared.npz")));
        assertTrue(parity.maxAbsDiff() <= Tolerances.ROUNDING, parity.outputs().toString());
    }

    @Test
    void layersReportShowsANestedModelUnderItsName() {
        CommandRun run = CommandRun.of("import", FIXTURES.resolve("nested_encoder.keras").toString(),
                "--check", FIXTURES.resolve("nested_encoder.npz").toString(), "--layers");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("layer encoder max_abs_diff=") && run.out().contains("all 2 layers agree"),
                run.out());
    }

    @Test
    void exportWritesAKerasArchiveThatImportsToTheSamePredictions() {
        Path neurite = dir.resolve("lstm.neurite");
        Path keras = dir.resolve("lstm.keras");
        assertEquals(0, CommandRun.of("import", FIXTURES.resolve("imdb_lstm.keras").toString(), "--out",
                neurite.toString()).status());
        CommandRun export = CommandRun.of("export", "--model", neurite.toString(), "--to", keras.toString());
        assertEquals(0, export.status(), export.err());
        CommandRun check = CommandRun.of("import", keras.toString(), "--check",
                FIXTURES.resolve("imdb_lstm.npz").toString());
        assertEquals(0, check.status(), check.err());
        assertTrue(lastDiff(check.out()) <= Tolerances.ROUNDING, check.out());
    }

    @Test
    void unimportableFileFailsWithOneLine() throws IOException {
        Path truncated = dir.resolve("truncated.keras");
        byte[] archive = Files.readAllBytes(FIXTURES.resolve("mnist_mlp.keras"));
        Files.write(truncated, Arrays.copyOf(archive, archive.length / 2));
        CommandRun run = CommandRun.of("import", truncated.toString());
        assertTrue(run.failedWithOneLine(), run.err());
        assertTrue(run.err().contains("truncated.keras"), run.err());
    }
}
