package org.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neurite.cli.recipes.MnistMlp;
import org.neurite.cli.recipes.RecipeData;
import org.neurite.models.Model;
import org.neurite.testing.NeedsDataset;
import org.neurite.train.FitOptions;

/**
 * The real-data smoke test: the course's MNIST MLP, trained as {@code neurite train mnist-mlp} does
 * (Adam 1e-3, batch 128) for one epoch on all 60,000 training images, reaches at least 95% on the
 * 10,000 test images. Fetches MNIST on first use (see {@code MnistSmokeTest}); a few seconds after that.
 */
class MnistSmokeTrainingTest {
    private static final double ONE_EPOCH_ACCURACY = 0.95;

    @Test
    @NeedsDataset
    void oneEpochOnTheFullTrainingSetReaches95Percent() {
        MnistMlp recipe = new MnistMlp();
        RecipeData data = recipe.data();
        Model model = recipe.model(42);
        recipe.compile(model);

        model.fit(data.trainX(), data.trainY(), FitOptions.builder().batchSize(128).epochs(1).build());
        Map<String, Double> test = model.evaluate(data.testX(), data.testY(), 1000);

        assertTrue(test.get("accuracy") >= ONE_EPOCH_ACCURACY, "test accuracy after one epoch: " + test);
    }
}
