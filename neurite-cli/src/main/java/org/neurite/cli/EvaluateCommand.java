package org.neurite.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neurite.cli.recipes.LabelledTexts;
import org.neurite.cli.recipes.Recipe;
import org.neurite.cli.recipes.RecipeData;
import org.neurite.cli.recipes.Recipes;
import org.neurite.models.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code neurite evaluate --model FILE}: loads a model written by {@code neurite train} and prints
 * its {@code test_<metric>=<value>} lines on the test data of the recipe that made it. A text
 * model reads the raw test texts through the vectorizer in its file, as it was trained; the recipe's
 * own vectorizer is never adapted again.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Evaluate a saved model on its test data.")
public final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, converter = Arguments.InputFile.class, description = "A model file written by 'neurite train'.")
    Path file;

    @Override
    public Integer call() throws Exception {
        Model model = Model.load(file);
        String recipeName = model.metadata().get("recipe");
        if (recipeName == null) {
            throw new IllegalArgumentException(file + ": no recipe recorded in the file, so no test data is known");
        }
        Recipe recipe = Recipes.named(recipeName);
        recipe.compile(model);
        Map<String, Double> test;
        Map<String, Double> additional = Map.of();   // baselines and metrics in the data's units (forecast)
        if (model.vectorizer().isPresent()) {
            LabelledTexts texts = recipe.testTexts().orElseThrow(() -> new IllegalArgumentException(file
                    + ": the model reads texts but recipe '" + recipeName + "' has no test texts"));
            test = model.evaluate(texts.texts(), texts.labels());
        } else {
            RecipeData data = recipe.data();
            test = data.isSparse() ? model.evaluate(data.sparseTestX(), data.testY(), 1000)
                    : model.evaluate(data.testX(), data.testY(), 1000);
            additional = recipe.additionalResults(model, data);
        }
        test.forEach((name, value) -> System.out.printf(Locale.ROOT, "test_%s=%.4f%n", name, value));
        additional.forEach((name, value) -> System.out.printf(Locale.ROOT, "%s=%.4f%n", name, value));
        return 0;
    }

}
