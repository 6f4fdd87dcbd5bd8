package org.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * {@code train text-classifier --task regression} as a new user runs it: the committed
 * {@code reviews.csv} (200 reviews whose 1-5 stars follow their positive or negative words)
 * trained once from the command line, then evaluated and predicted on files made here.
 */
class RegressionWorkflowTest {
    /** The share of the targets' variance the model must explain; the training-mean baseline explains none. */
    private static final double LEARNED_R2 = 0.3;

    @TempDir
    static Path dir;
    private static Path out;
    private static CommandRun training;

    private static Path reviews() throws URISyntaxException {
        return Path.of(RegressionWorkflowTest.class.getResource("/org/neurite/guide/reviews.csv").toURI());
    }

    @BeforeAll
    static void trainOnRatedReviews() throws URISyntaxException {
        out = dir.resolve("out");
        training = CommandRun.of("train", "text-classifier", "--data", reviews().toString(), "--text", "review",
                "--label", "stars", "--task", "regression", "--epochs", "20", "--batch-size", "8",
                "--out", out.toString());
    }

    @Test
    void trainingBeatsTheTrainingMeanBaseline() {
        assertEquals(0, training.status(), training.err());
        String o = training.out();
        assertTrue(MultiLabelWorkflowTest.value(o, "test_r2") >= LEARNED_R2, o);
        assertTrue(MultiLabelWorkflowTest.value(o, "test_rmse") < MultiLabelWorkflowTest.value(o, "test_baseline_rmse"), o);
        assertTrue(MultiLabelWorkflowTest.value(o, "test_mae") < MultiLabelWorkflowTest.value(o, "test_baseline_mae"), o);
        assertTrue(MultiLabelWorkflowTest.value(o, "test_baseline_r2") <= 0, o);
        assertTrue(o.contains("baseline: the training mean"), o);
    }

    @Test
    void theModelFileAndCardHoldTheTrainingTargetsStatistics() throws IOException {
        ModelTargets targets = ModelTargets.of(Model.load(out.resolve("model.neurite")));
        String card = Files.readString(out.resolve("model-card.md"));

        assertEquals(LabelKind.REGRESSION, targets.kind());
        assertEquals(160, targets.target().count());
        assertTrue(targets.target().min() >= 1 && targets.target().max() <= 5, targets.target().toString());
        assertTrue(card.contains("- kind: regression"), card);
        assertTrue(card.contains("| part | texts | mean | standard deviation | min | max |"), card);
        assertTrue(card.contains("| training | 160 | "), card);
        assertTrue(card.contains("output Dense(1), linear"), card);
        assertTrue(card.contains("loss: mean squared error"), card);
        assertTrue(card.contains("| r2 |") && card.contains("| baseline_rmse |"), card);
    }

    @Test
    void evaluateScoresANewRatedFileAgainstTheSavedMean() throws IOException {
        Path fresh = Files.writeString(dir.resolve("fresh.csv"), """
                review,stars
                the kettle was great and excellent really,5
                my order was awful and broken today,1
                the box arrived,3
                love this blender it is perfect and wonderful,5
                terrible and disappointing colour,1
                """);

        CommandRun run = CommandRun.of("evaluate", "--model", out.resolve("model.neurite").toString(), "--data",
                fresh.toString(), "--text", "review", "--label", "stars");

        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("texts=5"), run.out());
        assertTrue(MultiLabelWorkflowTest.value(run.out(), "test_mae")
                < MultiLabelWorkflowTest.value(run.out(), "test_baseline_mae"), run.out());
    }

    @Test
    void predictAddsAPredictionColumnThatFollowsTheWords() throws IOException {
        Path texts = Files.writeString(dir.resolve("new.csv"), """
                id,review
                a,"the blender is great, excellent and perfect"
                b,"the blender is awful, broken and terrible"
                """);

        CommandRun run = CommandRun.of("predict", "--model", out.resolve("model.neurite").toString(), "--input",
                texts.toString(), "--text", "review");
        Path scored = Files.writeString(dir.resolve("scored.csv"), run.out());

        assertEquals(0, run.status(), run.err());
        List<CorpusRow> rows = new ArrayList<>();
        try (CorpusCursor cursor = TextDatasets.csv(scored).text("review").keepFields().stream()) {
            cursor.forEachRemaining(rows::add);
        }
        assertEquals(List.of("id", "review", "prediction"), List.copyOf(rows.getFirst().fields().keySet()));
        double good = Double.parseDouble(rows.get(0).fields().get("prediction"));
        double bad = Double.parseDouble(rows.get(1).fields().get("prediction"));
        assertTrue(good > bad + 1, good + " vs " + bad);
    }

    @Test
    void aTargetThatIsNotANumberIsRefusedNamingItsLineAndValue() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.csv"), "id,review,stars\n1,great,5\n2,awful,five\n");

        CommandRun run = CommandRun.of("train", "text-classifier", "--data", bad.toString(), "--text", "review",
                "--label", "stars", "--task", "regression", "--out", dir.resolve("bad-out").toString());

        assertTrue(run.failedWithOneLine(), run.err());
        assertTrue(run.err().contains("line 3: target column 'stars' holds 'five', expected a finite number"), run.err());
    }

    @Test
    void anUnknownTaskAndASeparatorWithRegressionAreUsageErrors() throws URISyntaxException {
        CommandRun task = CommandRun.of("train", "text-classifier", "--data", reviews().toString(), "--text", "review",
                "--label", "stars", "--task", "ranking");
        CommandRun both = CommandRun.of("train", "text-classifier", "--data", reviews().toString(), "--text", "review",
                "--label", "stars", "--task", "regression", "--label-separator", "|");

        assertTrue(task.failedWithOneLine(), task.err());
        assertTrue(task.err().contains("--task is classification or regression, got 'ranking'"), task.err());
        assertTrue(both.failedWithOneLine(), both.err());
        assertTrue(both.err().contains("--label-separator"), both.err());
    }

    @Test
    void predictOneTextOrALineFilePrintsThePrediction() throws IOException {
        Path lines = Files.writeString(dir.resolve("lines.txt"), "great and excellent\nawful and broken\n");

        CommandRun one = CommandRun.of("predict", "--model", out.resolve("model.neurite").toString(), "--text",
                "the kettle is wonderful");
        CommandRun many = CommandRun.of("predict", "--model", out.resolve("model.neurite").toString(), "--input",
                lines.toString());

        assertEquals(0, one.status(), one.err());
        assertTrue(one.out().startsWith("prediction="), one.out());
        assertTrue(Double.isFinite(Double.parseDouble(one.out().strip().substring("prediction=".length()))), one.out());
        assertEquals(0, many.status(), many.err());
        List<String> rows = many.out().lines().toList();
        assertEquals("id,prediction", rows.getFirst());
        assertEquals(3, rows.size(), many.out());
        assertTrue(rows.get(1).startsWith("1,") && rows.get(2).startsWith("2,"), many.out());
    }

    @Test
    void explainNamesThePredictedValueNotAProbability() {
        CommandRun run = CommandRun.of("explain", "--model", out.resolve("model.neurite").toString(),
                "--text", "the kettle was great", "--no-color", "--html", dir.resolve("explain.html").toString());

        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().startsWith("prediction = "), run.out());
    }
}
