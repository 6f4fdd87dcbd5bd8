package org.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.cli.recipes.Recipe;
import org.neurite.cli.recipes.RecipeData;
import org.neurite.cli.recipes.Recipes;
import org.neurite.cli.translate.TranslationTask;
import org.neurite.cli.translate.Translator;
import org.neurite.io.ModelFile;
import org.neurite.models.Model;
import org.neurite.nn.Input;
import org.neurite.nn.SequentialNetwork;
import org.neurite.nn.layers.Dense;
import org.neurite.train.FitOptions;

/**
 * {@code neurite translate} on a tiny date model trained here: one line out per line in, whatever the
 * line holds; the symbols travel in the model file; a model of another kind is refused in one line.
 */
class TranslateCommandTest {
    private static final String ISO_LIKE = "[0-9-]{0,10}";

    @TempDir
    static Path dir;
    private static Path modelFile;
    private static Model trained;

    @BeforeAll
    static void trainATinyDateModel() throws IOException {
        Recipe recipe = Recipes.named("translate-dates").configured(List.of("--samples", "256", "--units", "8",
                "--embedding", "8"));
        RecipeData data = recipe.data();
        trained = recipe.model(5, data);
        recipe.compile(trained);
        recipe.fit(trained, data, FitOptions.builder().epochs(1).batchSize(64).build());
        modelFile = dir.resolve("dates.neurite");
        trained.save(modelFile, recipe.modelMetadata());
    }

    @Test
    void aTextGivesOneTranslationAndANoteThatItIsAGuess() {
        CommandRun run = CommandRun.of("translate", "--model", modelFile.toString(), "--text", "25th of November 2026");

        assertEquals(0, run.status(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(1, lines.size(), run.out());
        assertTrue(lines.get(0).matches(ISO_LIKE), lines.get(0));
        assertTrue(run.err().contains("model's guess"), run.err());
    }

    @Test
    void everyLineGetsAnAnswerEvenWhenItIsNotADate() throws IOException {
        List<String> odd = List.of("2026-11-25", "", "not a date at all", "ünïcødé ☃ 日本", "x".repeat(500), "Wed Nov 25 2026");
        Path input = dir.resolve("odd.txt");
        Files.write(input, odd, StandardCharsets.UTF_8);

        for (String beam : List.of("1", "3")) {
            CommandRun run = CommandRun.of("translate", "--model", modelFile.toString(), "--input", input.toString(),
                    "--beam", beam);

            assertEquals(0, run.status(), run.err());
            List<String> lines = run.out().lines().toList();
            assertEquals(odd.size(), lines.size(), run.out());
            lines.forEach(line -> assertTrue(line.matches(ISO_LIKE), line));
        }
    }

    @Test
    void theCommandPrintsWhatTheTranslatorOfTheTrainedModelWrites() throws IOException {
        List<String> texts = List.of("march 3rd, 1961", "12/24/99");
        Path input = dir.resolve("two.txt");
        Files.write(input, texts, StandardCharsets.UTF_8);

        CommandRun run = CommandRun.of("translate", "--model", modelFile.toString(), "--input", input.toString(),
                "--beam", "2");

        Translator inMemory = new Translator(trained, TranslationTask.fromMetadata(
                Recipes.named("translate-dates").modelMetadata()));
        List<String> expected = inMemory.translate(texts, 2).stream().map(t -> t.text()).toList();
        assertEquals(expected, run.out().lines().toList());
    }

    @Test
    void theSymbolTablesAreSavedInTheModelFile() throws IOException {
        TranslationTask task = TranslationTask.fromMetadata(Model.load(modelFile).metadata());

        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "-"), task.target().symbols());
        assertTrue(task.source().symbols().containsAll(List.of("a", "z", "0", "9", " ", ",", "/")));
        assertEquals("", task.separator());
    }

    @Test
    void theHeatMapIsAPng() throws IOException {
        Path png = dir.resolve("attention.png");

        CommandRun run = CommandRun.of("translate", "--model", modelFile.toString(), "--text", "1 May 2001",
                "--heat-map", png.toString());

        assertEquals(0, run.status(), run.err());
        byte[] bytes = Files.readAllBytes(png);
        assertEquals((byte) 0x89, bytes[0]);
        assertEquals("PNG", new String(bytes, 1, 3, StandardCharsets.US_ASCII));
    }

    @Test
    void aModelOfAnotherKindIsRefusedInOneLine() throws IOException {
        Path other = dir.resolve("mlp.neurite");
        ModelFile.save(SequentialNetwork.of(Input.of(3), new Dense(1)).seed(1), null, Map.of("recipe", "mnist-mlp"),
                null, other);

        CommandRun run = CommandRun.of("translate", "--model", other.toString(), "--text", "1 May 2001");

        assertEquals(1, run.status());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("not a translation model"), run.err());
    }
}
