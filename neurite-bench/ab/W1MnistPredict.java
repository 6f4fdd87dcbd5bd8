import org.neurite.cli.recipes.MnistMlp;
import org.neurite.cli.recipes.RecipeData;
import org.neurite.models.Model;

/**
 * W1's prediction on MNIST's 10,000 test images, {@code samples / 10,000} passes (at least one), for
 * {@code AbEpochs}: the recipe's untrained network, whose first layer's products skip the pixels that
 * are 0. Compiled against one build's jar, as {@code W1MnistEpoch}; needs MNIST in Neurite's dataset
 * folder (any {@code neurite train mnist-mlp} puts it there).
 */
public class W1MnistPredict {
    private final MnistMlp recipe = new MnistMlp();
    private final RecipeData data = recipe.data();
    private final Model model = recipe.model(1);
    private final int passes;

    public W1MnistPredict(int samples) {
        recipe.compile(model);
        passes = Math.max(1, samples / 10_000);
    }

    public void epoch() {
        for (int i = 0; i < passes; i++) {
            model.predict(data.testX());
        }
    }
}
