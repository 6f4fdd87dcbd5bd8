package org.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.io.ModelFile;
import org.neurite.nn.Activation;
import org.neurite.nn.Input;
import org.neurite.nn.SequentialNetwork;
import org.neurite.nn.layers.Dense;

/**
 * {@code predict --model FILE --text TEXT} runs without picocli, and says and exits exactly as the
 * same command through picocli does; any other command line, and every error of the line itself,
 * still goes to picocli.
 */
class PredictTextShortcutTest {
    private static final List<String> TEXTS = List.of("a great movie, loved it", "terrible boring film");

    @TempDir
    static Path dir;
    private static Path model;

    @BeforeAll
    static void saveATextModel() throws IOException {
        model = TextModels.savedLstm(TEXTS, dir.resolve("lstm.neurite"));
    }

    @Test
    void theOneTextCommandLineInEitherOrderAndEitherFormIsTaken() {
        String m = model.toString();
        for (String[] args : List.of(new String[] {"predict", "--model", m, "--text", "fine"},
                new String[] {"predict", "--text", "fine", "--model", m},
                new String[] {"predict", "--model=" + m, "--text=fine"},
                new String[] {"predict", "--text=", "--model", m})) {
            PredictCommand predict = PredictTextShortcut.parse(args);

            assertNotNull(predict, String.join(" ", args));
            assertEquals(model, predict.file);
            assertEquals(0.5f, predict.threshold);
        }
    }

    @Test
    void everyOtherCommandLineIsLeftToPicocli() {
        String m = model.toString();
        for (String[] args : List.of(new String[] {"predict", "--model", m},
                new String[] {"predict", "--model", m, "--text"},
                new String[] {"predict", "--model", m, "--text", "a", "--threshold", "0.7"},
                new String[] {"predict", "--model", m, "--input", "texts.txt"},
                new String[] {"predict", "--model", m, "--model", m},
                new String[] {"predict", "--model", m, "--text", "-v"},
                new String[] {"predict", "--model", m, "--text", "@texts.txt"},
                new String[] {"predict", "@args.txt", "--text", "a"},
                new String[] {"predict", "--model", m, "--", "a"},
                new String[] {"--debug", "predict", "--model", m, "--text", "a"},
                new String[] {"predict", "--model", dir.resolve("missing.neurite").toString(), "--text", "a"},
                new String[] {"predict", "--model", dir.toString(), "--text", "a"},
                new String[] {"summary", "--model", m, "--text", "a"})) {
            assertNull(PredictTextShortcut.parse(args), String.join(" ", args));
        }
    }

    @Test
    void printsWhatThePicocliPathPrints() {
        // --threshold 0.5 (the default) sends the same command through picocli
        CommandRun viaPicocli = CommandRun.of("predict", "--model", model.toString(), "--text", "loved it",
                "--threshold", "0.5");
        CommandRun shortcut = CommandRun.of("predict", "--model", model.toString(), "--text", "loved it");

        assertEquals(0, shortcut.status(), shortcut.err());
        assertEquals(viaPicocli, shortcut);
        assertTrue(shortcut.out().endsWith("label=" + (Float.parseFloat(shortcut.out().lines().findFirst()
                .orElseThrow()) >= 0.5f ? "positive" : "negative") + System.lineSeparator()), shortcut.out());
    }

    @Test
    void aFileThatIsNotAModelFailsAsThroughPicocli() throws IOException {
        Path damaged = dir.resolve("damaged.neurite");
        byte[] bytes = Files.readAllBytes(model);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(damaged, bytes);
        Path noVectorizer = dir.resolve("plain.neurite");
        ModelFile.save(SequentialNetwork.of(Input.of(3), new Dense(1, Activation.SIGMOID)).seed(3), noVectorizer);

        for (Path file : List.of(damaged, noVectorizer)) {
            CommandRun shortcut = CommandRun.of("predict", "--model", file.toString(), "--text", "loved it");
            CommandRun viaPicocli = CommandRun.of("predict", "--model", file.toString(), "--text", "loved it",
                    "--threshold", "0.5");

            assertEquals(viaPicocli, shortcut);
            assertEquals(1, shortcut.status());
            assertTrue(shortcut.failedWithOneLine(), shortcut.err());
        }
        assertTrue(CommandRun.of("predict", "--model", damaged.toString(), "--text", "a").err()
                .contains("checksum mismatch"));
    }
}
