package org.neurite.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neurite.cli.recipes.Recipe;
import org.neurite.cli.recipes.RecipeData;
import org.neurite.cli.recipes.Recipes;
import org.neurite.io.LoadedModel;
import org.neurite.io.ModelFile;
import org.neurite.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code neurite evaluate --model FILE}: loads a model written by {@code neurite train} and prints
 * its {@code test_<metric>=<value>} lines on the test data of the recipe that made it.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Evaluate a saved model on its test data.")
public final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, converter = Arguments.InputFile.class, description = "A model file written by 'neurite train'.")
    Path file;

    @Override
    public Integer call() throws Exception {
        LoadedModel loaded = ModelFile.load(file);
        String recipeName = loaded.metadata().get("recipe");
        if (recipeName == null) {
            throw new IllegalArgumentException(file + ": no recipe recorded in the file, so no test data is known");
        }
        Recipe recipe = Recipes.named(recipeName);
        RecipeData data = recipe.data();
        Trainer trainer = recipe.compile(loaded.model());
        Map<String, Double> test = data.isSparse() ? trainer.evaluate(data.sparseTestX(), data.testY(), 1000)
                : trainer.evaluate(data.testX(), data.testY(), 1000);
        test.forEach((name, value) -> System.out.printf(Locale.ROOT, "test_%s=%.4f%n", name, value));
        return 0;
    }
}
