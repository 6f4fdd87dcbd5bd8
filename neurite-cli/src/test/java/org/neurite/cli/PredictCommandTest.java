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
import org.neurite.nn.layers.Embedding;
import org.neurite.nn.layers.LSTM;
import org.neurite.text.OutputMode;
import org.neurite.text.TextVectorization;

/** {@code neurite predict} on texts and files, bad input included: every line gets a probability, nothing crashes. */
class PredictCommandTest {
    private static final List<String> TEXTS = List.of("a great movie, loved it", "terrible boring film",
            "great acting and a great story", "boring plot, terrible acting");

    @TempDir
    static Path dir;
    private static Path sequenceModel;
    private static Path bagOfWordsModel;

    @BeforeAll
    static void saveTextModels() throws IOException {
        TextVectorization ids = TextVectorization.builder().optMaxTokens(20).optOutputSequenceLength(8).build();
        ids.adapt(TEXTS);
        Network lstm = SequentialNetwork.of(Input.of(-1),
                Embedding.builder().setInputDim(20).setOutputDim(4).optMaskZero(true).build(),
                new LSTM(3), new Dense(1, Activation.SIGMOID)).seed(1);
        sequenceModel = dir.resolve("lstm.neurite");
        ModelFile.save(lstm, null, Map.of(), ids.state(), sequenceModel);

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
    void badLinesEachGetAProbabilityFromBothKindsOfModel() throws IOException {
        Path input = dir.resolve("bad.txt");
        Files.write(input, badInput());

        for (Path model : List.of(sequenceModel, bagOfWordsModel)) {
            CommandRun run = CommandRun.of("predict", "--model", model.toString(), "--input", input.toString());

            assertEquals(0, run.status(), run.err());
            assertCsvRows(run.out(), 6);
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
    void textAndInputAreExclusiveAndOneIsRequired() {
        assertTrue(CommandRun.of("predict", "--model", sequenceModel.toString()).failedWithOneLine());
        assertTrue(CommandRun.of("predict", "--model", sequenceModel.toString(), "--text", "a", "--input", "-")
                .failedWithOneLine());
    }

    /** Six lines: empty, 1 MB of words, invalid UTF-8, binary garbage, only unknown words, a plain review. */
    private static byte[] badInput() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(("great ".repeat((1 << 20) / 6) + "\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(new byte[] {'g', 'r', 'e', 'a', 't', ' ', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, ' ', (byte) 0xE2, '\n'});
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = garbage[i] == '\n' || garbage[i] == '\r' ? 0 : garbage[i];
        }
        out.writeBytes(garbage);
        out.writeBytes("\nzyzzyva quux flibbertigibbet\n".getBytes(StandardCharsets.UTF_8));
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
