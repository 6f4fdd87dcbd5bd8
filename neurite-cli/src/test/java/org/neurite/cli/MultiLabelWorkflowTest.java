package org.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.cli.recipes.ModelTargets;
import org.neurite.data.CorpusCursor;
import org.neurite.data.CorpusRow;
import org.neurite.data.LabelKind;
import org.neurite.data.TextDatasets;
import org.neurite.models.Model;

/**
 * {@code train text-classifier} on a multi-label corpus as a new user runs it: the committed
 * {@code posts.jsonl} (120 posts, one to three of four tags joined by "|", each tag following its
 * keywords) trained once from the command line, then evaluated and predicted on files made here.
 */
class MultiLabelWorkflowTest {
    private static final List<String> TAGS = List.of("health", "politics", "sport", "tech");
    /** Four tags, one to three per text: guessing each tag at its frequency scores a micro F1 near 0.45. */
    private static final double ABOVE_CHANCE_F1 = 0.7;
    /** A ROC-AUC of 0.5 is chance. */
    private static final double ABOVE_CHANCE_AUC = 0.8;

    @TempDir
    static Path dir;
    private static Path out;
    private static CommandRun training;

    static Path posts() throws URISyntaxException {
        return Path.of(MultiLabelWorkflowTest.class.getResource("/org/neurite/guide/posts.jsonl").toURI());
    }

    @BeforeAll
    static void trainOnTaggedPosts() throws URISyntaxException {
        out = dir.resolve("out");
        training = CommandRun.of("train", "text-classifier", "--data", posts().toString(), "--text", "text",
                "--label", "tags", "--label-separator", "|", "--epochs", "12", "--batch-size", "8", "--folds", "2",
                "--out", out.toString());
    }

    /** The value of the {@code name=} line in {@code text}. */
    static double value(String text, String name) {
        return text.lines().filter(l -> l.startsWith(name + "=")).mapToDouble(l -> Double.parseDouble(
                l.substring(name.length() + 1))).findFirst().orElseThrow(() -> new AssertionError(name + " in\n" + text));
    }

    @Test
    void trainingLearnsTheTagsWellAboveChance() {
        assertEquals(0, training.status(), training.err());
        assertTrue(value(training.out(), "test_micro_f1") >= ABOVE_CHANCE_F1, training.out());
        assertTrue(value(training.out(), "test_macro_f1") >= ABOVE_CHANCE_F1 - 0.1, training.out());
        assertTrue(value(training.out(), "test_macro_roc_auc") >= ABOVE_CHANCE_AUC, training.out());
        for (String metric : List.of("test_subset_accuracy=", "test_hamming_loss=", "test_binary_accuracy=")) {
            assertTrue(training.out().contains(metric), metric + " in\n" + training.out());
        }
        for (String tag : TAGS) {
            assertTrue(training.out().lines().anyMatch(l -> l.startsWith(tag + " ")), tag + " row in\n" + training.out());
        }
        assertFalse(Files.exists(out.resolve("confusion_matrix.png")), "no confusion matrix for labels");
    }

    @Test
    void foldsReportTheMeanAndSpreadOfMicroF1() {
        assertTrue(training.out().contains("fold 2/2: micro_f1="), training.out());
        assertTrue(value(training.out(), "cv_micro_f1_mean") > 0, training.out());
        assertTrue(value(training.out(), "cv_micro_f1_std") >= 0, training.out());
    }

    @Test
    void theModelFileHoldsTheLabelsAndAThresholdEach() throws IOException {
        ModelTargets targets = ModelTargets.of(Model.load(out.resolve("model.neurite")));

        assertEquals(LabelKind.MULTI_LABEL, targets.kind());
        assertEquals(TAGS, targets.classes().classes());
        assertEquals(TAGS.size(), targets.thresholds().length);
        for (float t : targets.thresholds()) {
            assertTrue(t > 0 && t < 1, "threshold " + t);
        }
        assertEquals("|", targets.separator());
    }

    @Test
    void theModelCardShowsTheKindTheThresholdsAndTheRandomSplit() throws IOException {
        String card = Files.readString(out.resolve("model-card.md"));

        assertTrue(card.contains("- kind: multi-label"), card);
        assertTrue(card.contains("| id | label | training texts | share | test texts | threshold |"), card);
        assertTrue(card.lines().anyMatch(l -> l.startsWith("| 3 | tech | ")), card);
        assertTrue(card.contains("labels separated by `|`"), card);
        assertTrue(card.contains("split: random, 20% of the texts held out"), card);
        assertTrue(card.contains("output Dense(4, sigmoid)"), card);
        assertTrue(card.contains("loss: binary cross-entropy"), card);
        assertTrue(card.contains("| micro_f1 |"), card);
        assertTrue(card.contains("| hamming_loss |"), card);
        assertTrue(card.contains("2 random folds"), card);
    }

    @Test
    void evaluateScoresNewPostsWithTheSavedSeparatorAndThresholds() throws IOException {
        Path fresh = Files.writeString(dir.resolve("fresh.jsonl"), """
                {"text": "we watched the football match then a flu vaccine", "tags": "health|sport"}
                {"text": "a new laptop and a software update", "tags": "tech"}
                {"text": "the election vote and the senate bill today", "tags": "politics"}
                {"text": "tennis final and the league table", "tags": "sport"}
                """);

        CommandRun run = CommandRun.of("evaluate", "--model", out.resolve("model.neurite").toString(), "--data",
                fresh.toString(), "--text", "text", "--label", "tags");

        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("texts=4"), run.out());
        assertTrue(run.out().contains("test_micro_f1="), run.out());
        assertTrue(run.out().contains("threshold"), run.out());
    }

    @Test
    void evaluateReadsOneZeroOneColumnPerLabel() throws IOException {
        Path columns = Files.writeString(dir.resolve("columns.csv"), """
                text,health,politics,sport,tech
                hospital ward and doctor visit,1,0,0,0
                phone battery and cloud server,0,0,0,1
                """);

        CommandRun run = CommandRun.of("evaluate", "--model", out.resolve("model.neurite").toString(), "--data",
                columns.toString(), "--text", "text", "--label", "health,politics,sport,tech");

        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("texts=2"), run.out());
    }

    @Test
    void evaluateRefusesALabelTheModelDoesNotKnowNamingItsLine() throws IOException {
        Path odd = Files.writeString(dir.resolve("odd.jsonl"), """
                {"text": "football match", "tags": "sport"}
                {"text": "a cake recipe", "tags": "sport|cooking"}
                """);

        CommandRun run = CommandRun.of("evaluate", "--model", out.resolve("model.neurite").toString(), "--data",
                odd.toString(), "--text", "text", "--label", "tags");

        assertTrue(run.failedWithOneLine(), run.err());
        assertTrue(run.err().contains("line 2: label 'cooking' is not one the model was trained on"), run.err());
    }

    @Test
    void predictWritesTheColumnsAProbabilityPerLabelAndTheLabelsItsThresholdsChoose() throws Exception {
        ModelTargets targets = ModelTargets.of(Model.load(out.resolve("model.neurite")));

        CommandRun run = CommandRun.of("predict", "--model", out.resolve("model.neurite").toString(), "--input",
                posts().toString(), "--text", "text");
        Path scored = Files.writeString(dir.resolve("scored.csv"), run.out());

        assertEquals(0, run.status(), run.err());
        List<CorpusRow> rows = new ArrayList<>();
        try (CorpusCursor cursor = TextDatasets.csv(scored).text("text").keepFields().stream()) {
            cursor.forEachRemaining(rows::add);
        }
        assertEquals(120, rows.size());
        for (CorpusRow row : rows) {
            Map<String, String> fields = row.fields();
            assertTrue(fields.containsKey("tags") && fields.containsKey("id"), fields.toString());
            Set<String> predicted = fields.get("labels").isEmpty() ? Set.of() : Set.of(fields.get("labels").split("\\|"));
            for (int c = 0; c < TAGS.size(); c++) {
                double p = Double.parseDouble(fields.get("probability_" + TAGS.get(c)));
                assertEquals(p >= targets.thresholds()[c], predicted.contains(TAGS.get(c)), fields.toString());
            }
        }
    }

    @Test
    void predictOneTextPrintsEachLabelsProbabilityAndTheLabels() {
        CommandRun run = CommandRun.of("predict", "--model", out.resolve("model.neurite").toString(), "--text",
                "the football match and the goal keeper");

        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("probability_sport="), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("labels=") && l.contains("sport")), run.out());
    }

    @Test
    void zeroOneColumnsTrainInColumnOrderAndATestFileMayHoldOnlyTrainingLabels() throws Exception {
        StringBuilder csv = new StringBuilder("text,sport,tech\n");
        for (int i = 0; i < 40; i++) {
            boolean sport = i % 2 == 0;
            boolean tech = i % 3 == 0;
            csv.append("post ").append(i).append(sport ? " football match" : "").append(tech ? " new laptop" : "")
                    .append(" today,").append(sport ? 1 : 0).append(',').append(tech ? "yes" : "no").append('\n');
        }
        Path columns = Files.writeString(dir.resolve("flags.csv"), csv);
        Path unknown = Files.writeString(dir.resolve("cooking.jsonl"), "{\"text\": \"a cake\", \"tags\": \"cooking\"}\n");
        Path runOut = dir.resolve("flags");

        CommandRun run = CommandRun.of("train", "text-classifier", "--data", columns.toString(), "--text", "text",
                "--label", "sport,tech", "--epochs", "2", "--out", runOut.toString());
        CommandRun bad = CommandRun.of("train", "text-classifier", "--data", posts().toString(), "--text", "text",
                "--label", "tags", "--label-separator", "|", "--test", unknown.toString(), "--epochs", "1",
                "--out", dir.resolve("cooking").toString());

        assertEquals(0, run.status(), run.err());
        ModelTargets targets = ModelTargets.of(Model.load(runOut.resolve("model.neurite")));
        assertEquals(List.of("sport", "tech"), targets.classes().classes());
        assertEquals(ModelTargets.DEFAULT_SEPARATOR, targets.separator());
        assertTrue(Files.readString(runOut.resolve("model-card.md")).contains("label column(s): `sport,tech`"));
        assertTrue(bad.failedWithOneLine(), bad.err());
        assertTrue(bad.err().contains("label 'cooking' is not among the training labels [health, politics, sport, tech]"),
                bad.err());
    }

    @Test
    void explainNamesTheMostProbableTag() {
        CommandRun run = CommandRun.of("explain", "--model", out.resolve("model.neurite").toString(),
                "--text", "the match ended with a late goal", "--no-color", "--html", dir.resolve("explain.html").toString());

        assertEquals(0, run.status(), run.err());
        assertTrue(TAGS.stream().anyMatch(tag -> run.out().startsWith("P(" + tag + ") = ")), run.out());
    }
}
