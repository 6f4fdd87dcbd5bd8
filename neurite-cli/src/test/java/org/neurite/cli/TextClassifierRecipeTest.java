package org.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.models.Model;

/**
 * {@code neurite train text-classifier} on small corpora made here, as a new user would run it:
 * a CSV with quoted multi-line texts and three string classes, a folder per class, and bad input.
 */
class TextClassifierRecipeTest {
    private static final String[] WORDS = {"refund charge invoice", "crash error freeze", "please add feature"};
    private static final String[] CLASSES = {"billing", "bug", "feature"};

    @TempDir
    Path dir;

    /** 60 tickets, 20 per class, some quoted across two lines. */
    private Path tickets() throws IOException {
        StringBuilder csv = new StringBuilder("id,body,category\n");
        for (int i = 0; i < 60; i++) {
            int c = i % 3;
            String body = i % 4 == 0 ? "\"ticket " + i + ", " + WORDS[c] + "\nsecond line\"" : "ticket " + i + " " + WORDS[c];
            csv.append(i).append(',').append(body).append(',').append(CLASSES[c]).append('\n');
        }
        return Files.writeString(dir.resolve("tickets.csv"), csv);
    }

    @Test
    void aCsvWithThreeStringClassesTrainsReportsTheMatrixAndSavesAModel() throws IOException {
        Path out = dir.resolve("out");

        CommandRun run = CommandRun.of("train", "text-classifier", "--data", tickets().toString(), "--text", "body",
                "--label", "category", "--epochs", "2", "--out", out.toString());

        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("test_accuracy="), run.out());
        assertTrue(run.out().contains("true\\pred"), run.out());
        Model model = Model.load(out.resolve("model.neurite"));
        assertEquals(3, model.predict(java.util.List.of("refund please")).dim(1));
        assertEquals("{\"classes\":[\"billing\",\"bug\",\"feature\"]}", model.metadata().get("label_mapping"));
    }

    @Test
    void aFolderPerClassTrainsTheLstm() throws IOException {
        for (int i = 0; i < 20; i++) {
            Path folder = Files.createDirectories(dir.resolve("corpus").resolve(CLASSES[i % 2]));
            Files.writeString(folder.resolve(i + ".txt"), WORDS[i % 2] + " number " + i);
        }

        CommandRun run = CommandRun.of("train", "text-classifier", "--data", dir.resolve("corpus").toString(),
                "--model", "lstm", "--units", "4", "--epochs", "1", "--out", dir.resolve("out").toString());

        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("test_macro_f1="), run.out());
    }

    @Test
    void aMissingColumnIsOneLineNamingTheColumnsThere() throws IOException {
        CommandRun run = CommandRun.of("train", "text-classifier", "--data", tickets().toString(), "--text", "text",
                "--label", "category", "--out", dir.resolve("out").toString());

        assertNotEquals(0, run.status());
        assertTrue(run.err().contains("no column 'text'; the columns are [id, body, category]"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }

    @Test
    void aRowWithTooManyFieldsStopsWithItsLineUnlessSkipped() throws IOException {
        Path csv = tickets();
        Files.writeString(csv, "61,too,many,fields\n", java.nio.file.StandardOpenOption.APPEND);
        String[] args = {"train", "text-classifier", "--data", csv.toString(), "--text", "body", "--label", "category",
            "--epochs", "1", "--out", dir.resolve("out").toString()};

        CommandRun stopped = CommandRun.of(args);
        String[] skipping = java.util.Arrays.copyOf(args, args.length + 1);
        skipping[args.length] = "--skip-bad-rows";
        CommandRun skipped = CommandRun.of(skipping);

        assertNotEquals(0, stopped.status());
        assertTrue(stopped.err().contains("line 77: 4 fields, expected 3 as in the header"), stopped.err());
        assertEquals(0, skipped.status(), skipped.err());
        assertTrue(skipped.err().contains("skipped 1 bad rows"), skipped.err());
    }
}
