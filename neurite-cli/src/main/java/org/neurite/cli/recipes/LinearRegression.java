package org.neurite.cli.recipes;

import org.neurite.models.Model;
import org.neurite.models.Sequential;
import org.neurite.nn.Input;
import org.neurite.nn.layers.Dense;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.train.SGD;

/**
 * Linear regression as the smallest network: one Dense unit (weights and a bias), mean squared
 * error, plain gradient descent. The data are {@code y = 3·x1 - 2·x2 + 0.5 + noise}, so the learned
 * kernel and bias can be read against the coefficients that made them.
 */
public final class LinearRegression implements Recipe {
    static final float[] TRUE_WEIGHTS = {3f, -2f};
    static final float TRUE_BIAS = 0.5f;
    private static final int TRAIN = 1000;
    private static final int TEST = 200;

    @Override
    public String name() {
        return "linear-regression";
    }

    @Override
    public String description() {
        return "one Dense unit fitted by gradient descent to y = 3*x1 - 2*x2 + 0.5 + noise";
    }

    @Override
    public RecipeData data() {
        Rng rng = new Rng(2024);
        Tensor x = Tensor.normal(rng, 0f, 1f, TRAIN + TEST, 2);
        Tensor y = Tensor.empty(TRAIN + TEST, 1);
        for (int i = 0; i < TRAIN + TEST; i++) {
            float value = TRUE_BIAS + rng.normal(0f, 0.1f);
            for (int j = 0; j < 2; j++) {
                value += TRUE_WEIGHTS[j] * x.get(i, j);
            }
            y.set(value, i, 0);
        }
        return new RecipeData(x.slice(0, TRAIN), y.slice(0, TRAIN), x.slice(TRAIN, TRAIN + TEST),
                y.slice(TRAIN, TRAIN + TEST));
    }

    @Override
    public Model model(long seed) {
        return Sequential.of(Input.of(2), new Dense(1)).seed(seed);
    }

    @Override
    public void compile(Model model) {
        model.compile(new SGD(0.05f), "mse");
    }

    @Override
    public int defaultEpochs() {
        return 20;
    }

    @Override
    public int defaultBatchSize() {
        return 32;
    }
}
