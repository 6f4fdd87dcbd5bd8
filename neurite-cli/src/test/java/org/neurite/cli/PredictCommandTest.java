package org.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.io.ModelFile;
import org.neurite.nn.Activation;
import org.neurite.nn.Input;
import org.neurite.nn.Network;
import org.neurite.nn.SequentialNetwork;
import org.neurite.nn.layers.Dense;
import org.neurite.text.OutputMode;
import org.neurite.text.TextVectorization;

/**
 * {@code neurite predict} on texts and files, odd input included: every line of text gets a probability,
 * input that is not text is refused in one line, nothing crashes.
 */
class PredictCommandTest {
    private static final List<String> TEXTS = List.of("a great movie, loved it", "terrible boring film",
            "great acting and a great story", "boring plot, terrible acting");

    @TempDir
    static Path dir;
    private static Path sequenceModel;
    private static Path bagOfWordsModel;

    @BeforeAll
    static void saveTextModels() throws IOException {
        sequenceModel = TextModels.savedLstm(TEXTS, dir.resolve("lstm.neurite"));

        TextVectorization tfIdf = TextVectorization.builder().optMaxTokens(30).optOutputMode(OutputMode.TF_IDF)
                .optNgrams(2).optPadToMaxTokens(true).build();
        tfIdf.adapt(TEXTS);
        Network mlp = SequentialNetwork.of(Input.of(30), new Dense(4, Activation.RELU), new Dense(1, Activation.SIGMOID)).seed(2);
        bagOfWordsModel = dir.resolve("bow.neurite");
        ModelFile.save(mlp, null, Map.of(), tfIdf.state(), bagOfWordsModel);
    }

    @Test
    void aTextGivesItsProbabilityAndALabel() {
        CommandRun run = CommandRun.of("predict", "--model", sequenceModel.toString(), "--text", "I loved this movie");

        assertEquals(0, run.status(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(2, lines.size(), run.out());
        float p = Float.parseFloat(lines.get(0));
        assertTrue(p > 0f && p < 1f, lines.get(0));
        assertEquals("label=" + (p >= 0.5f ? "positive" : "negative"), lines.get(1));
    }

    @Test
    void oddLinesEachGetAProbabilityFromBothKindsOfModel() throws IOException {
        Path input = dir.resolve("odd.txt");
        Files.write(input, oddInput());

        for (Path model : List.of(sequenceModel, bagOfWordsModel)) {
            CommandRun run = CommandRun.of("predict", "--model", model.toString(), "--input", input.toString());

            assertEquals(0, run.status(), run.err());
            assertCsvRows(run.out(), 5);
        }
    }

    @Test
    void aTableNamesTheClassesAsLinesDoAndFollowsTheThreshold() throws IOException {
        Path table = dir.resolve("reviews.csv");
        Files.writeString(table, "id,review\n" + String.join("\n",
                TEXTS.stream().map(t -> TEXTS.indexOf(t) + ",\"" + t + "\"").toList()) + "\n");

        for (String threshold : List.of("0.5", "0.000001", "1")) {
            CommandRun run = CommandRun.of("predict", "--model", sequenceModel.toString(), "--input", table.toString(),
                    "--text", "review", "--threshold", threshold);

            assertEquals(0, run.status(), run.err());
            List<String> rows = run.out().lines().toList();
            assertEquals("id,review,predicted_label,predicted_probability,probability_negative,probability_positive",
                    rows.get(0));
            for (String row : rows.subList(1, rows.size())) {
                String[] cells = row.split(",");
                float positive = Float.parseFloat(cells[cells.length - 1]);
                String label = positive >= Float.parseFloat(threshold) ? "positive" : "negative";
                assertEquals(label, cells[cells.length - 4], row);
                assertEquals(cells[cells.length - (label.equals("positive") ? 1 : 2)], cells[cells.length - 3], row);
            }
        }
    }

    @Test
    void binaryOrNonUtf8FilesAreRefusedNamingFileAndLine() throws IOException {
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        Path binary = Files.write(dir.resolve("random.bin"), garbage);
        Path latin1 = Files.write(dir.resolve("latin1.txt"), "fine\ncaf\u00e9 cr\u00e8me\n".getBytes(StandardCharsets.ISO_8859_1));

        for (Path input : List.of(binary, latin1)) {
            CommandRun run = CommandRun.of("predict", "--model", bagOfWordsModel.toString(), "--input", input.toString());

            assertTrue(run.failedWithOneLine(), run.err());
            assertEquals(1, run.status());
            assertTrue(run.err().startsWith("neurite: " + input + ", line "), run.err());
            assertTrue(run.err().contains("expected UTF-8 text, found "), run.err());
        }
    }

    @Test
    void aByteOrderMarkDoesNotChangeTheFirstWordsScore() throws IOException {
        Path plain = Files.writeString(dir.resolve("plain.txt"), "great story\n");
        Path marked = Files.write(dir.resolve("marked.txt"), "\uFEFFgreat story\n".getBytes(StandardCharsets.UTF_8));

        for (Path model : List.of(sequenceModel, bagOfWordsModel)) {
            String expected = CommandRun.of("predict", "--model", model.toString(), "--input", plain.toString()).out();
            CommandRun fromFile = CommandRun.of("predict", "--model", model.toString(), "--input", marked.toString());
            CommandRun fromText = CommandRun.of("predict", "--model", model.toString(), "--text", "\uFEFFgreat story");
            String textExpected = CommandRun.of("predict", "--model", model.toString(), "--text", "great story").out();

            assertEquals(expected, fromFile.out());
            assertEquals(textExpected, fromText.out());
        }
    }

    @Test
    void thresholdOutsideZeroToOneIsAUsageError() {
        for (String threshold : List.of("NaN", "2", "-1", "", "half")) {
            CommandRun run = CommandRun.of("predict", "--model", bagOfWordsModel.toString(), "--text", "a",
                    "--threshold", threshold);

            assertTrue(run.failedWithOneLine(), run.err());
            assertEquals(2, run.status());
            assertTrue(run.err().contains("'--threshold': expected a probability from 0 to 1, found '" + threshold + "'"),
                    run.err());
        }
    }

    @Test
    void specialFilesAndFoldersAreRefusedByNameBeforeReading() throws Exception {
        Path fifo = dir.resolve("model.fifo");
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        String[][] cases = {
            {"--model", fifo.toString(), "--text", "a"}, {"--model", dir.toString(), "--text", "a"},
            {"--model", "/dev/null", "--text", "a"}, {"--model", dir.resolve("missing").toString(), "--text", "a"},
            {"--model", bagOfWordsModel.toString(), "--input", fifo.toString()},
            {"--model", bagOfWordsModel.toString(), "--input", dir.toString()},
        };
        String[] found = {"found a named pipe", "found a folder", "found a character device", "no such file",
            "found a named pipe", "found a folder"};

        for (int i = 0; i < cases.length; i++) {
            String[] args = cases[i];
            CommandRun run = CommandRun.of(java.util.stream.Stream.concat(java.util.stream.Stream.of("predict"),
                    java.util.Arrays.stream(args)).toArray(String[]::new));

            assertTrue(run.failedWithOneLine(), run.err());
            assertEquals(2, run.status());
            String bad = args[2].equals("--input") ? args[3] : args[1];
            assertTrue(run.err().contains(bad) && run.err().contains(found[i]), run.err());
        }
    }

    @Test
    void readsStandardInputAndStreamsManyLines() {
        String lines = String.join("\n", java.util.Collections.nCopies(PredictCommand.BATCH * 2 + 3, "great story")) + "\n";
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)));
            CommandRun run = CommandRun.of("predict", "--model", bagOfWordsModel.toString(), "--input", "-");

            assertEquals(0, run.status(), run.err());
            assertCsvRows(run.out(), PredictCommand.BATCH * 2 + 3);
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void aModelWithoutVectorizerIsAClearError() throws IOException {
        Path plain = dir.resolve("plain.neurite");
        ModelFile.save(SequentialNetwork.of(Input.of(3), new Dense(1, Activation.SIGMOID)), plain);

        CommandRun run = CommandRun.of("predict", "--model", plain.toString(), "--text", "hello");

        assertTrue(run.failedWithOneLine(), run.err());
        assertTrue(run.err().contains("the model has no text vectorizer"), run.err());
    }

    @Test
    void aTextWithALinesInputIsRefusedAndOneSourceIsRequired() {
        assertTrue(CommandRun.of("predict", "--model", sequenceModel.toString()).failedWithOneLine());
        assertTrue(CommandRun.of("predict", "--model", sequenceModel.toString(), "--text", "a", "--input", "-")
                .failedWithOneLine());
    }

    /** Five lines: empty, 1 MB of words, control characters and emoji, only unknown words, a plain review. */
    private static byte[] oddInput() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(("great ".repeat((1 << 20) / 6) + "\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes("great \u0007\u001b[31m \uD83D\uDE00 \u200B\n".getBytes(StandardCharsets.UTF_8));
        out.writeBytes("zyzzyva quux flibbertigibbet\n".getBytes(StandardCharsets.UTF_8));
        out.writeBytes("a great story".getBytes(StandardCharsets.UTF_8));   // no final newline
        return out.toByteArray();
    }

    private static void assertCsvRows(String csv, int expected) {
        List<String> rows = csv.lines().toList();
        assertEquals("id,probability,label", rows.get(0));
        assertEquals(expected + 1, rows.size());
        for (int i = 1; i < rows.size(); i++) {
            String[] cells = rows.get(i).split(",");
            assertEquals(String.valueOf(i), cells[0]);
            float p = Float.parseFloat(cells[1]);
            assertTrue(p >= 0f && p <= 1f, rows.get(i));
            assertEquals(p >= 0.5f ? "positive" : "negative", cells[2]);
        }
    }
}
