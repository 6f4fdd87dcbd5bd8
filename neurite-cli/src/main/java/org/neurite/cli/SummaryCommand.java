package org.neurite.cli;

import java.util.concurrent.Callable;
import org.neurite.cli.recipes.Recipe;
import org.neurite.cli.recipes.Recipes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code neurite summary RECIPE}: prints the recipe's network in Keras' summary layout. */
@Command(name = "summary", mixinStandardHelpOptions = true, description = "Show a recipe's network.")
public final class SummaryCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RECIPE", description = "mnist-mlp or linear-regression")
    String recipeName;

    @Override
    public Integer call() {
        Recipe recipe;
        try {
            recipe = Recipes.named(recipeName);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
        System.out.print(recipe.model(0).summary());
        return 0;
    }
}
