package org.neurite.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neurite.cli.recipes.ImdbSentiment;
import org.neurite.cli.recipes.MnistMlp;
import org.neurite.cli.recipes.Recipe;
import org.neurite.cli.recipes.Recipes;
import org.neurite.models.Model;
import org.neurite.tensor.Tensor;
import org.neurite.text.TextVectorization;
import org.neurite.train.FitOptions;
import picocli.CommandLine.Command;

/**
 * {@code neurite warm-up} (hidden): the training run of the JVM's ahead-of-time cache. The launcher
 * runs it once per build with {@code -XX:AOTCacheOutput}, so that the classes of the common start
 * paths are in the cache, loaded and verified: every recipe's network and summary; each IMDB
 * recipe's own network (the LSTM's, the transformer's, ...) saved with an adapted vectorizer and
 * scored by {@link PredictCommand} as {@code neurite predict --model FILE --text TEXT} does; and a
 * few training steps of the MNIST MLP, as {@code neurite train mnist-mlp} and {@code neurite bench
 * mlp} take them. It prints nothing and touches no user file.
 */
@Command(name = "warm-up", hidden = true, description = "Exercise the start paths (for the start-up cache).")
public final class WarmUpCommand implements Callable<Integer> {
    private static final List<String> TEXTS = List.of("a wonderful film, I loved it", "dull and far too long",
            "the actors were fine but the story was not");
    /** Two batches of the MNIST MLP's default size. */
    private static final int MNIST_SAMPLES = 256;

    @Override
    public Integer call() throws IOException {
        for (Recipe recipe : Recipes.all()) {
            Model model = recipe.model(0);
            model.summary();
            if (recipe instanceof ImdbSentiment text) {
                saveAndPredict(text);
            }
        }
        trainMnistSteps();
        return 0;
    }

    /** The recipe's network on a vectorizer adapted to a few texts, saved as train saves it, then {@code predict --text}. */
    private static void saveAndPredict(ImdbSentiment recipe) throws IOException {
        TextVectorization vectorizer = recipe.vectorizer();
        vectorizer.adapt(TEXTS);
        Model model = recipe.model(0, vectorizer);
        Path file = Files.createTempFile("neurite-warm-up", ".neurite");
        PrintStream out = System.out;
        try {
            model.save(file, Map.of("recipe", recipe.name()));
            PredictCommand predict = new PredictCommand();
            predict.file = file;
            predict.text = TEXTS.getFirst();
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            predict.call();
        } finally {
            System.setOut(out);
            Files.deleteIfExists(file);
        }
    }

    private static void trainMnistSteps() {
        MnistMlp recipe = new MnistMlp();
        Model model = recipe.model(0);
        recipe.compile(model);
        Tensor images = Tensor.zeros(MNIST_SAMPLES, 28, 28);
        Tensor labels = Tensor.zeros(MNIST_SAMPLES);
        model.fit(images, labels, FitOptions.builder().batchSize(MNIST_SAMPLES / 2).epochs(1).build());
        model.predict(images, MNIST_SAMPLES);
    }
}
