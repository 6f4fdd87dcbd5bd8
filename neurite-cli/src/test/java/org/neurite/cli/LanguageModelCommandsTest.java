package org.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code neurite generate} and {@code neurite suggest} on tiny models trained here by
 * {@code neurite train char-lstm | gpt | next-word --text} on the first chapter of Moby Dick (a
 * committed test file), so that no dataset is fetched.
 */
class LanguageModelCommandsTest {
    @TempDir
    static Path dir;
    private static Path lstm;
    private static Path gpt;
    private static Path words;

    @BeforeAll
    static void trainTinyModels() throws URISyntaxException {
        String text = Path.of(LanguageModelCommandsTest.class.getResource("loomings.txt").toURI()).toString();
        lstm = train("char-lstm", text, "--units", "16");
        gpt = train("gpt", text, "--dim", "16", "--layers", "1");
        words = train("next-word", text, "--units", "16");
    }

    private static Path train(String recipe, String text, String... options) {
        Path out = dir.resolve(recipe);
        List<String> args = new java.util.ArrayList<>(List.of("train", recipe, "--text", text, "--epochs", "1",
                "--out", out.toString()));
        args.addAll(List.of(options));
        CommandRun run = CommandRun.of(args.toArray(new String[0]));
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains(recipe.equals("next-word") ? "baseline_top3_accuracy=" : "test_bits_per_char="),
                run.out());
        return out.resolve("model.neurite");
    }

    @Test
    void generateWritesThePromptThenTheAskedNumberOfCharactersTheSameForTheSameSeed() {
        for (Path model : List.of(lstm, gpt)) {
            CommandRun first = generate(model, "Call me", "--length", "40", "--seed", "3", "--top-k", "5");
            CommandRun again = generate(model, "Call me", "--length", "40", "--seed", "3", "--top-k", "5");
            assertEquals(0, first.status(), first.err());
            assertTrue(first.out().startsWith("Call me"), first.out());
            assertEquals("Call me".length() + 40 + System.lineSeparator().length(), first.out().length());
            assertEquals(first.out(), again.out());
        }
    }

    @Test
    void greedyGenerationIsTheSameWhateverTheSeed() {
        assertEquals(generate(gpt, "The sea", "--temperature", "0", "--seed", "1").out(),
                generate(gpt, "The sea", "--temperature", "0", "--seed", "2").out());
    }

    @Test
    void anEmptyPromptStartsAParagraph() {
        CommandRun run = generate(lstm, "", "--length", "20");
        assertEquals(0, run.status(), run.err());
        assertEquals(20, run.out().length() - System.lineSeparator().length());
    }

    @Test
    void unknownPromptCharactersAreNamedOnceAndLeftOut() {
        CommandRun run = generate(lstm, "Call me ☃ Zoë", "--length", "10");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.err().startsWith("neurite: the model never saw '☃'"), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.out().startsWith("Call me ☃ Zoë"), run.out());
    }

    @Test
    void suggestPrintsTheThreeMostLikelyNextWordsBestFirst() {
        CommandRun run = CommandRun.of("suggest", "--model", words.toString(), "--text", "I would like to");
        assertEquals(0, run.status(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(3, lines.size(), run.out());
        double previous = 1;
        for (String line : lines) {
            String[] wordAndProbability = line.split(" ");
            assertEquals(2, wordAndProbability.length, line);
            assertTrue(!wordAndProbability[0].isEmpty() && !wordAndProbability[0].equals("[UNK]"), line);
            double p = Double.parseDouble(wordAndProbability[1]);
            assertTrue(p > 0 && p <= previous, run.out());
            previous = p;
        }
    }

    @Test
    void suggestRefusesATextWithoutWordsInOneLine() {
        assertTrue(CommandRun.of("suggest", "--model", words.toString(), "--text", " ?! ").failedWithOneLine());
    }

    @Test
    void eachCommandRefusesTheOtherKindOfModelInOneLine() {
        CommandRun generate = generate(words, "Call me");
        assertTrue(generate.failedWithOneLine(), generate.err());
        assertTrue(generate.err().contains("character language model"), generate.err());
        CommandRun suggest = CommandRun.of("suggest", "--model", lstm.toString(), "--text", "Call me");
        assertTrue(suggest.failedWithOneLine(), suggest.err());
        assertTrue(suggest.err().contains("word language model"), suggest.err());
    }

    @Test
    void generateRefusesANegativeTemperatureOrTopK() {
        assertTrue(generate(lstm, "a", "--temperature", "-1").failedWithOneLine());
        assertTrue(generate(lstm, "a", "--top-k", "-2").failedWithOneLine());
    }

    private static CommandRun generate(Path model, String prompt, String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("generate", "--model", model.toString(), "--prompt", prompt));
        args.addAll(List.of(options));
        return CommandRun.of(args.toArray(new String[0]));
    }
}
