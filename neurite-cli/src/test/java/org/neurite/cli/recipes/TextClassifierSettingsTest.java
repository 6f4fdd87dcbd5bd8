package org.neurite.cli.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.models.Model;
import org.neurite.nn.Layer;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.LSTM;
import org.neurite.testing.Tolerances;

/**
 * The settings {@code text-classifier} shares with the recipes it must match on their own corpora
 * (issue 15): imdb-lstm's input dropout and cosine decay, spam's hidden units and early stopping
 * on the validation loss.
 */
class TextClassifierSettingsTest {
    private static final int PLANNED_STEPS = 100;

    @TempDir
    Path dir;

    private TextClassifier configured(String... options) throws IOException {
        StringBuilder csv = new StringBuilder("body,category\n");
        for (int i = 0; i < 20; i++) {
            csv.append(i % 2 == 0 ? "refund my invoice " : "the app crashes ").append(i).append(',')
                    .append(i % 2 == 0 ? "billing" : "bug").append('\n');
        }
        Path data = Files.writeString(dir.resolve("tickets.csv"), csv);
        List<String> args = new ArrayList<>(List.of("--data", data.toString(), "--text", "body", "--label", "category"));
        args.addAll(List.of(options));
        return (TextClassifier) new TextClassifier().configured(args);
    }

    private static <T extends Layer> T layer(Model model, Class<T> type) {
        return model.layers().stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    @Test
    void theLstmDropsAFifthOfItsInputsAsImdbLstmDoes() throws IOException {
        Model model = configured("--model", "lstm").model(42);

        assertEquals(0.2, ((Number) layer(model, LSTM.class).config().get("dropout")).doubleValue(), Tolerances.ROUNDING);
    }

    @Test
    void sequenceNetworksDecayTheirRateToZeroOverThePlannedSteps() throws IOException {
        TextClassifier lstm = configured("--model", "lstm");
        Model model = lstm.model(42);

        lstm.compileForTraining(model, PLANNED_STEPS);

        assertEquals(1e-3f, model.optimizer().learningRate(), Tolerances.ROUNDING);
        model.optimizer().setIterations(PLANNED_STEPS);
        assertEquals(0f, model.optimizer().learningRate(), Tolerances.ROUNDING);
    }

    @Test
    void theBagOfWordsKeepsAConstantRateAsImdbBowAndSpamDo() throws IOException {
        TextClassifier bow = configured("--model", "bow");
        Model model = bow.model(42);

        bow.compileForTraining(model, PLANNED_STEPS);
        model.optimizer().setIterations(PLANNED_STEPS);

        assertEquals(1e-3f, model.optimizer().learningRate(), Tolerances.ROUNDING);
    }

    @Test
    void unitsSizeTheBagOfWordsHiddenLayer() throws IOException {
        Model model = configured("--model", "bow", "--units", "64").model(42);

        assertEquals(64, ((Number) layer(model, Dense.class).config().get("units")).intValue());
    }

    @Test
    void earlyStoppingWatchesTheValidationLossOrAccuracyAndNothingElse() throws IOException {
        configured("--monitor", "val_loss");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> configured("--monitor", "loss"));

        assertTrue(e.getMessage().contains("--monitor must be val_accuracy or val_loss, got 'loss'"), e.getMessage());
    }
}
