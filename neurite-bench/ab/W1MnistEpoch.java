import org.neurite.cli.recipes.MnistMlp;
import org.neurite.cli.recipes.RecipeData;
import org.neurite.models.Model;
import org.neurite.train.FitOptions;

/**
 * One W1 training epoch on MNIST itself, as {@code neurite bench mlp} runs it (the recipe's network, data
 * and compile settings, batch 128), for {@code AbEpochs}: unlike {@code W1Epoch}'s random images,
 * four in five of these pixels are 0, which the first layer's products skip. Compiled against one
 * build's jar (the CLI's, which holds the recipe); needs MNIST in Neurite's dataset folder (any
 * {@code neurite train mnist-mlp} puts it there). {@code samples} is ignored: always the 60,000 images.
 */
public class W1MnistEpoch {
    private final MnistMlp recipe = new MnistMlp();
    private final RecipeData data = recipe.data();
    private final Model model = recipe.model(1);
    private final FitOptions one = FitOptions.builder().batchSize(128).epochs(1).build();

    public W1MnistEpoch(int samples) {
        recipe.compile(model);
    }

    public void epoch() {
        model.fit(data.trainX(), data.trainY(), one);
    }
}
