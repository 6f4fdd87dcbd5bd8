package org.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.cli.recipes.ImdbSentiment;
import org.neurite.cli.recipes.LabelledTexts;
import org.neurite.io.ModelFile;
import org.neurite.models.Model;
import org.neurite.testing.NeedsDataset;
import org.neurite.text.TextVectorizationState;

/**
 * The IMDB recipes end to end on a few hundred reviews: the classification report, the files, and
 * a model file that {@code neurite predict} can read. The accuracy targets are for full runs.
 */
class ImdbRecipesTest {
    @TempDir
    Path dir;

    @Test
    @NeedsDataset
    void bagOfWordsReportsF1AndTheMatrixAndSavesItsVectorizer() throws IOException {
        CommandRun run = CommandRun.of("train", "imdb-bow", "--subset", "400", "--epochs", "1", "--out", dir.toString());

        assertEquals(0, run.status(), run.err());
        for (String line : new String[] {"test_accuracy=", "test_precision=", "test_recall=", "test_f1=", "true\\pred"}) {
            assertTrue(run.out().contains(line), () -> "missing " + line + " in\n" + run.out());
        }
        assertTrue(Files.exists(dir.resolve("history.png")));
        TextVectorizationState vectorizer = ModelFile.load(dir.resolve("model.neurite")).vectorizer().orElseThrow();
        assertEquals("tf_idf", vectorizer.config().get("output_mode"));
        assertEquals("unicode_lower_and_strip_punctuation", vectorizer.config().get("standardize"));   // as before Keras' names meant Keras'
        assertEquals("unicode_whitespace", vectorizer.config().get("split"));
        CommandRun predict = CommandRun.of("predict", "--model", dir.resolve("model.neurite").toString(), "--text", "great");
        assertEquals(0, predict.status(), predict.err());
    }

    @Test
    @NeedsDataset
    void lstmTrainsOnBucketedSequencesAndSavesItsVectorizer() throws IOException {
        CommandRun run = CommandRun.of("train", "imdb-lstm", "--subset", "200", "--epochs", "1",
                "--sequence-length", "40", "--units", "4", "--out", dir.toString());

        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("test_f1="), run.out());
        TextVectorizationState vectorizer = ModelFile.load(dir.resolve("model.neurite")).vectorizer().orElseThrow();
        assertEquals(40, vectorizer.config().get("output_sequence_length"));

        // evaluate reads the raw test reviews through the vectorizer in the file (learned from 200
        // reviews, 40 tokens each), never adapting a new one on the full training data
        CommandRun evaluate = CommandRun.of("evaluate", "--model", dir.resolve("model.neurite").toString());
        assertEquals(0, evaluate.status(), evaluate.err());
        Model model = Model.load(dir.resolve("model.neurite"));
        ImdbSentiment.lstm().compile(model);
        LabelledTexts test = ImdbSentiment.lstm().testTexts().orElseThrow();
        double accuracy = model.evaluate(test.texts(), test.labels()).get("accuracy");
        assertTrue(evaluate.out().contains(String.format(java.util.Locale.ROOT, "test_accuracy=%.4f", accuracy)),
                evaluate.out() + " vs " + accuracy);
    }

    @Test
    void badRecipeOptionsGiveOneLine() {
        assertTrue(CommandRun.of("train", "imdb-lstm", "--units", "0").failedWithOneLine());
        assertTrue(CommandRun.of("train", "imdb-bow", "--no-such-option").failedWithOneLine());
    }
}
