package org.neurite.cli.recipes;

import java.util.List;
import java.util.Map;
import org.neurite.train.History;

/**
 * What {@code neurite train} did, for a recipe's report and model card.
 *
 * @param epochs the epochs asked for
 * @param batchSize the batch size
 * @param seed the seed of weights, shuffling and dropout
 * @param validationSplit the share of the training data held out for validation
 * @param history the run's history (as many entries as epochs run, fewer when stopped early)
 * @param seconds how long training took
 * @param test the test metrics of the compiled model ({@code loss}, {@code accuracy}, ...)
 * @param folds each cross-validation fold's scores by name ({@code accuracy}, {@code macro_f1}); empty without folds
 */
public record TrainingRun(int epochs, int batchSize, long seed, float validationSplit, History history, double seconds,
        Map<String, Double> test, List<Map<String, Double>> folds) {
    public TrainingRun {
        test = Map.copyOf(test);
        folds = List.copyOf(folds);
    }

    /** The epochs actually run. */
    public int epochsRun() {
        return history.values().isEmpty() ? 0 : history.values().values().iterator().next().size();
    }
}
