package org.neurite.cli.recipes;

import org.neurite.nn.Model;
import org.neurite.train.Trainer;

/**
 * A ready-made experiment of the course: the data, the network, how it is compiled, and the
 * defaults of {@code neurite train NAME}.
 */
public interface Recipe {
    /** The name on the command line ({@code mnist-mlp}). */
    String name();

    String description();

    /** Loads (fetching on first use) the recipe's data. */
    RecipeData data();

    /** The network, with its weights drawn from {@code seed}. */
    Model model(long seed);

    /** The model compiled with the recipe's optimizer, loss and metrics. */
    Trainer compile(Model model);

    /**
     * The model compiled for a training run of {@code totalSteps} optimizer steps, for recipes whose
     * learning-rate schedule depends on the length of the run; by default the same as
     * {@link #compile(Model)}.
     */
    default Trainer compileForTraining(Model model, long totalSteps) {
        return compile(model);
    }

    int defaultEpochs();

    int defaultBatchSize();

    /** The share of the training data held out for validation. */
    default float validationSplit() {
        return 0.1f;
    }
}
