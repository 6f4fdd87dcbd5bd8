package org.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.data.CorpusCursor;
import org.neurite.data.CorpusRow;
import org.neurite.data.TextDatasets;
import org.neurite.testing.Tolerances;

/**
 * A new user's whole path through {@code train text-classifier}, {@code evaluate} and
 * {@code predict} on corpora made here: a CSV of support tickets with quoted multi-line texts and
 * five string classes, JSON lines, a folder per class, and an imbalanced corpus. One model is
 * trained once and reused by the evaluate and predict tests.
 */
class TextClassifierWorkflowTest {
    private static final String[] CLASSES = {"account", "billing", "bug", "feature", "shipping"};
    private static final String[] WORDS = {"password login locked", "refund charge invoice", "crash error freeze",
        "please add option", "parcel delivery late"};
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

    @TempDir
    static Path dir;
    private static Path tickets;
    private static Path out;
    private static CommandRun training;

    /** {@code n} tickets, classes in turn, every third one's body quoted across two lines with a comma. */
    private static String ticketsCsv(int n, int offset) {
        StringBuilder csv = new StringBuilder("id,body,category\n");
        for (int i = 0; i < n; i++) {
            int c = i % CLASSES.length;
            String body = i % 3 == 0 ? "\"ticket " + (i + offset) + ", " + WORDS[c] + "\nsent from my \"\"phone\"\"\""
                    : "ticket " + (i + offset) + " " + WORDS[c];
            csv.append(i + offset).append(',').append(body).append(',').append(CLASSES[c]).append('\n');
        }
        return csv.toString();
    }

    @BeforeAll
    static void trainOnFiveClasses() throws IOException {
        tickets = Files.writeString(dir.resolve("tickets.csv"), ticketsCsv(100, 0));
        out = dir.resolve("out");
        training = CommandRun.of("train", "text-classifier", "--data", tickets.toString(), "--text", "body",
                "--label", "category", "--epochs", "8", "--out", out.toString());
    }

    @Test
    void trainingPrintsTheReportWithClassNames() {
        assertEquals(0, training.status(), training.err());
        for (String metric : List.of("test_accuracy=", "test_macro_precision=", "test_macro_recall=", "test_macro_f1=",
                "test_weighted_precision=", "test_weighted_recall=", "test_weighted_f1=", "test_roc_auc=")) {
            assertTrue(training.out().contains(metric), metric + " in\n" + training.out());
        }
        assertEquals(1, training.out().lines().filter(l -> l.startsWith("test_accuracy=")).count(), training.out());
        assertTrue(training.out().contains("true\\pred"), training.out());
        for (String name : CLASSES) {
            assertTrue(training.out().lines().anyMatch(l -> l.startsWith(name + " ")), name + " row in\n" + training.out());
        }
    }

    @Test
    void trainingWritesTheConfusionMatrixAsPng() throws IOException {
        byte[] png = Files.readAllBytes(out.resolve("confusion_matrix.png"));
        assertArrayEquals(PNG_MAGIC, Arrays.copyOf(png, 4));
    }

    @Test
    void theModelCardNamesTheDataTheClassesTheSplitAndTheLeakageCheck() throws Exception {
        String card = Files.readString(out.resolve("model-card.md"));
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(tickets)));

        assertTrue(card.contains("SHA-256 `" + sha + "`"), card);
        assertTrue(card.contains("| 4 | shipping | 16 | 20.0% | 4 | 1 |"), card);
        assertTrue(card.contains("stratified, 20% of each class held out for testing, seed 42"), card);
        assertTrue(card.contains("batch size 128"), card);
        assertTrue(card.contains("seed: 42"), card);
        assertTrue(card.contains("library: neurite "), card);
        assertTrue(card.contains("| macro_f1 |"), card);
        assertTrue(card.contains("## Leakage check"), card);
        assertTrue(card.contains("duplicates: 0 of 20 test texts"), card);
    }

    @Test
    void evaluateScoresANewLabelledFileWithTheTrainingClasses() throws IOException {
        Path fresh = Files.writeString(dir.resolve("fresh.csv"), ticketsCsv(25, 1000));
        Path report = dir.resolve("eval");

        CommandRun run = CommandRun.of("evaluate", "--model", out.resolve("model.neurite").toString(), "--data",
                fresh.toString(), "--text", "body", "--label", "category", "--out", report.toString());

        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("texts=25"), run.out());
        assertTrue(run.out().contains("test_macro_f1="), run.out());
        assertTrue(run.out().contains("shipping"), run.out());
        assertTrue(Files.exists(report.resolve("confusion_matrix.png")));
    }

    @Test
    void evaluateRefusesAClassTheModelDoesNotKnowNamingItsLine() throws IOException {
        Path odd = Files.writeString(dir.resolve("odd.csv"), "id,body,category\n1,crash error,bug\n2,hello,spam\n");

        CommandRun run = CommandRun.of("evaluate", "--model", out.resolve("model.neurite").toString(), "--data",
                odd.toString(), "--text", "body", "--label", "category");

        assertTrue(run.failedWithOneLine(), run.err());
        assertTrue(run.err().contains("line 3: class 'spam' is not one the model was trained on"), run.err());
    }

    @Test
    void predictWritesEachRowWithItsColumnsAndTheClassProbabilities() throws IOException {
        Path fresh = Files.writeString(dir.resolve("unlabelled.csv"), ticketsCsv(12, 2000));
        Path scored = dir.resolve("scored.csv");

        CommandRun run = CommandRun.of("predict", "--model", out.resolve("model.neurite").toString(), "--input",
                fresh.toString(), "--text", "body");
        Files.writeString(scored, run.out());

        assertEquals(0, run.status(), run.err());
        List<CorpusRow> in = rows(fresh);
        List<CorpusRow> back = rows(scored);
        assertEquals(in.size(), back.size());
        for (int i = 0; i < in.size(); i++) {
            Map<String, String> fields = back.get(i).fields();
            assertEquals(in.get(i).fields().get("body"), fields.get("body"));
            assertEquals(in.get(i).fields().get("id"), fields.get("id"));
            assertTrue(List.of(CLASSES).contains(fields.get("predicted_label")), fields.toString());
            double sum = 0;
            for (String c : CLASSES) {
                sum += Double.parseDouble(fields.get("probability_" + c));
            }
            assertEquals(1.0, sum, Tolerances.REORDERED_SUMS);
            assertEquals(Double.parseDouble(fields.get("probability_" + fields.get("predicted_label"))),
                    Double.parseDouble(fields.get("predicted_probability")), Tolerances.ROUNDING);
        }
    }

    @Test
    void predictReadsJsonLinesAndWritesTheirFieldsAsCsv() throws IOException {
        Path jsonl = Files.writeString(dir.resolve("new.jsonl"),
                "{\"id\": 1, \"text\": \"refund charge\", \"tags\": [\"x\", \"y\"]}\n{\"id\": 2, \"text\": \"crash error\"}\n");

        CommandRun run = CommandRun.of("predict", "--model", out.resolve("model.neurite").toString(), "--input",
                jsonl.toString(), "--text", "text");

        assertEquals(0, run.status(), run.err());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).startsWith("id,text,tags,predicted_label,predicted_probability,probability_account"),
                lines.get(0));
        assertTrue(lines.get(1).startsWith("1,refund charge,\"x,y\","), lines.get(1));
        assertTrue(lines.get(2).startsWith("2,crash error,,"), lines.get(2));
    }

    @Test
    void predictOneTextNamesItsClass() {
        CommandRun run = CommandRun.of("predict", "--model", out.resolve("model.neurite").toString(), "--text",
                "my parcel delivery is late");

        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("label=(" + String.join("|", CLASSES) + ")")), run.out());
    }

    @Test
    void predictATableWithoutATextColumnIsAUsageError() {
        CommandRun run = CommandRun.of("predict", "--model", out.resolve("model.neurite").toString(), "--input",
                tickets.toString());

        assertTrue(run.failedWithOneLine(), run.err());
        assertTrue(run.err().contains("a table needs --text COL"), run.err());
    }

    @Test
    void aTestFileReplacesTheSplitAndMustHoldTrainingClasses() throws IOException {
        Path test = Files.writeString(dir.resolve("test.csv"), ticketsCsv(10, 5000));
        Path unknown = Files.writeString(dir.resolve("unknown.csv"), "id,body,category\n1,a,bug\n2,b,other\n");
        Path runOut = dir.resolve("with-test");

        CommandRun run = CommandRun.of("train", "text-classifier", "--data", tickets.toString(), "--text", "body",
                "--label", "category", "--test", test.toString(), "--epochs", "1", "--out", runOut.toString());
        CommandRun bad = CommandRun.of("train", "text-classifier", "--data", tickets.toString(), "--text", "body",
                "--label", "category", "--test", unknown.toString(), "--epochs", "1", "--out", runOut.toString());

        assertEquals(0, run.status(), run.err());
        String card = Files.readString(runOut.resolve("model-card.md"));
        assertTrue(card.contains("texts: 100 for training, 10 for testing"), card);
        assertTrue(card.contains("split: the test file `test.csv`"), card);
        assertTrue(bad.failedWithOneLine(), bad.err());
        assertTrue(bad.err().contains("class 'other' is not among the training classes"), bad.err());
    }

    @Test
    void foldsPrintEachFoldThenTheMeanAndSpread() throws IOException {
        Path runOut = dir.resolve("folds");

        CommandRun run = CommandRun.of("train", "text-classifier", "--data", tickets.toString(), "--text", "body",
                "--label", "category", "--folds", "3", "--epochs", "1", "--out", runOut.toString());

        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("fold 3/3: accuracy="), run.out());
        assertTrue(run.out().contains("cv_accuracy_mean="), run.out());
        assertTrue(run.out().contains("cv_macro_f1_std="), run.out());
        assertTrue(Files.readString(runOut.resolve("model-card.md")).contains("Cross-validation (3 stratified folds"));
    }

    @Test
    void imbalancedClassesAreWeightedUnlessTurnedOff() throws IOException {
        StringBuilder csv = new StringBuilder("text,label\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i % 5 == 0 ? "win money now " + i + ",spam\n" : "lunch at noon " + i + ",ham\n");
        }
        Path mail = Files.writeString(dir.resolve("mail.csv"), csv);

        CommandRun weighted = CommandRun.of("train", "text-classifier", "--data", mail.toString(), "--text", "text",
                "--label", "label", "--epochs", "1", "--out", dir.resolve("w").toString());
        CommandRun plain = CommandRun.of("train", "text-classifier", "--data", mail.toString(), "--text", "text",
                "--label", "label", "--epochs", "1", "--no-class-weights", "--out", dir.resolve("p").toString());

        assertEquals(0, weighted.status(), weighted.err());
        assertEquals(0, plain.status(), plain.err());
        String card = Files.readString(dir.resolve("w").resolve("model-card.md"));
        assertTrue(card.contains("Classes are imbalanced"), card);
        assertTrue(card.contains("| 1 | spam | 6 | 18.8% | 2 | 2.667 |"), card);   // 32 / (2 x 6)
        assertTrue(Files.readString(dir.resolve("p").resolve("model-card.md")).contains("Class weights were turned off"));
    }

    @Test
    void everyNetworkTrainsOnAFolderPerClass() throws IOException {
        for (int i = 0; i < 30; i++) {
            Path folder = Files.createDirectories(dir.resolve("docs").resolve(CLASSES[i % 3]));
            Files.writeString(folder.resolve(i + ".txt"), WORDS[i % 3] + " number " + i, StandardCharsets.UTF_8);
        }
        for (String network : List.of("cnn", "bilstm", "transformer")) {
            Path runOut = dir.resolve("net-" + network);
            CommandRun run = CommandRun.of("train", "text-classifier", "--data", dir.resolve("docs").toString(),
                    "--model", network, "--units", "4", "--epochs", "1", "--out", runOut.toString());

            assertEquals(0, run.status(), network + ": " + run.err());
            assertTrue(run.out().contains("test_macro_f1="), network + ": " + run.out());
            assertTrue(Files.readString(runOut.resolve("model-card.md")).contains("network: `" + network + "`"));
        }
    }

    @Test
    void aMultiLabelCorpusIsRefusedInOneLine() throws IOException {
        Path jsonl = Files.writeString(dir.resolve("tags.jsonl"), "{\"text\": \"a\", \"tags\": [\"x\", \"y\"]}\n");

        CommandRun run = CommandRun.of("train", "text-classifier", "--data", jsonl.toString(), "--text", "text",
                "--label", "tags", "--out", dir.resolve("ml").toString());

        assertNotEquals(0, run.status());
        assertFalse(run.err().contains("\tat "), run.err());
    }

    private static List<CorpusRow> rows(Path csv) {
        List<CorpusRow> rows = new ArrayList<>();
        try (CorpusCursor cursor = TextDatasets.csv(csv).text("body").keepFields().stream()) {
            cursor.forEachRemaining(rows::add);
        }
        return rows;
    }
}
