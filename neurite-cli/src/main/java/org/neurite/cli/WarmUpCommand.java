package org.neurite.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.neurite.cli.recipes.ImdbSentiment;
import org.neurite.cli.recipes.Recipe;
import org.neurite.cli.recipes.Recipes;
import org.neurite.models.Model;
import org.neurite.models.Sequential;
import org.neurite.nn.Input;
import org.neurite.nn.layers.Dense;
import org.neurite.text.TextVectorization;
import picocli.CommandLine.Command;

/**
 * {@code neurite warm-up} (hidden): the training run of the JVM's ahead-of-time cache. The launcher
 * runs it once per build with {@code -XX:AOTCacheOutput}, so that the classes (loaded and linked)
 * and method profiles of the common start paths are in the cache: every recipe's network and
 * summary, and a text model saved with its vectorizer, loaded again and asked for a prediction, as
 * {@code neurite predict --text} does. It prints nothing and touches no user file.
 */
@Command(name = "warm-up", hidden = true, description = "Exercise the start paths (for the start-up cache).")
public final class WarmUpCommand implements Callable<Integer> {
    private static final List<String> TEXTS = List.of("a wonderful film, I loved it", "dull and far too long",
            "the actors were fine but the story was not");

    @Override
    public Integer call() throws IOException {
        for (Recipe recipe : Recipes.all()) {
            Model model = recipe.model(0);
            model.summary();
            if (recipe instanceof ImdbSentiment text) {
                saveLoadAndPredict(text);
            }
        }
        return 0;
    }

    private static void saveLoadAndPredict(ImdbSentiment recipe) throws IOException {
        TextVectorization vectorizer = recipe.vectorizer();
        vectorizer.adapt(TEXTS);
        Model model = Sequential.of(Input.ofStrings(), vectorizer, new Dense(1, "sigmoid"));
        Path file = Files.createTempFile("neurite-warm-up", ".neurite");
        try {
            model.save(file);
            Model.load(file).predict(TEXTS);   // the path predict takes: load, vectorize, score
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
