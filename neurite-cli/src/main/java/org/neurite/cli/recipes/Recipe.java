package org.neurite.cli.recipes;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neurite.data.DuplicateReport;
import org.neurite.models.Model;
import org.neurite.train.FitOptions;
import org.neurite.train.History;

/**
 * A ready-made experiment of the course: the data, the network, how it is compiled, and the
 * defaults of {@code neurite train NAME}. A recipe may take options of its own
 * ({@link #configured}), add fit settings ({@link #configureFit}), ask for a classification report
 * ({@link #reportsConfusionMatrix}) and write outputs of its own after training
 * ({@link #writeExtraOutputs}).
 */
public interface Recipe {
    /** The name on the command line ({@code mnist-mlp}). */
    String name();

    String description();

    /** Loads (fetching on first use) the recipe's data. */
    RecipeData data();

    /** The model, with its weights drawn from {@code seed}; a text recipe's reads raw texts through a fresh vectorizer. */
    Model model(long seed);

    /**
     * The model to train on {@code data}: by default {@link #model(long)}; a text recipe's model
     * starts with the vectorizer adapted in {@link #data()}, so that its file reads raw texts.
     */
    default Model model(long seed, RecipeData data) {
        return model(seed);
    }

    /** Compiles {@code model} with the recipe's optimizer, loss and metrics. */
    void compile(Model model);

    /**
     * Compiles {@code model} for a training run of {@code totalSteps} optimizer steps, for recipes
     * whose learning-rate schedule depends on the length of the run; by default the same as
     * {@link #compile(Model)}.
     */
    default void compileForTraining(Model model, long totalSteps) {
        compile(model);
    }

    int defaultEpochs();

    int defaultBatchSize();

    /** Samples evaluated at a time on the test data; smaller for models whose activations are large. */
    default int evaluationBatchSize() {
        return 1000;
    }

    /** The share of the training data held out for validation. */
    default float validationSplit() {
        return 0.1f;
    }

    /**
     * Adds the recipe's own fit settings to {@code options} (length bucketing, early stopping); the
     * command has already set the epochs, batch size, validation split and its own callbacks.
     */
    default void configureFit(FitOptions.Builder options) {
    }

    /**
     * Trains {@code model} on the training data: by default {@code model.fit(trainX, trainY)}; a recipe
     * whose model has several inputs (an encoder-decoder) overrides it.
     */
    default History fit(Model model, RecipeData data, FitOptions options) {
        return data.isSparse() ? model.fit(data.sparseTrainX(), data.trainY(), options)
                : model.fit(data.trainX(), data.trainY(), options);
    }

    /**
     * The test metrics printed as {@code test_<name>=}: by default {@code model.evaluate} on the test
     * data; a recipe whose metric needs decoding (exact match of translations) overrides it.
     */
    default Map<String, Double> evaluate(Model model, RecipeData data) {
        return data.isSparse() ? model.evaluate(data.sparseTestX(), data.testY(), 1000)
                : model.evaluate(data.testX(), data.testY(), evaluationBatchSize());
    }

    /**
     * Whether the test report adds F1 and the confusion matrix to the metrics ({@code test_f1=} and
     * the table), as classification recipes do.
     */
    default boolean reportsConfusionMatrix() {
        return false;
    }

    /**
     * This recipe with its own options set from the arguments {@code neurite train} does not know
     * ({@code --cell lstm}). The default takes none and refuses any.
     *
     * @throws IllegalArgumentException for an unknown option or a bad value, naming it
     */
    default Recipe configured(List<String> options) {
        if (!options.isEmpty()) {
            throw new IllegalArgumentException("recipe '" + name() + "' takes no options of its own, got " + options);
        }
        return this;
    }

    /**
     * Writes the recipe's own outputs (plots, tables) into {@code dir} once training has ended, and
     * returns their file names; the default writes none.
     *
     * @param model the trained model
     * @param seed  the run's seed: {@code model(seed)} is the network as training found it
     */
    default List<String> writeExtraOutputs(Model model, RecipeData data, long seed, Path dir) throws IOException {
        return List.of();
    }

    /**
     * Key-value metadata the recipe adds to the saved model file beside {@code recipe} and the data
     * checksum, such as a classifier's class names in id order; by default none.
     */
    default Map<String, String> modelMetadata() {
        return Map.of();
    }

    /**
     * Results of the recipe's own, printed as {@code NAME=VALUE} after the test metrics, such as
     * {@code test_bits_per_char} or a baseline's score on the same test data; by default none.
     *
     * @param model the trained model
     */
    default Map<String, Double> extraResults(Model model, RecipeData data) {
        return Map.of();
    }

    /**
     * For recipes on text: the test texts that repeat training texts ({@code neurite train} warns
     * about them, since they inflate test scores); empty for other recipes.
     */
    default Optional<DuplicateReport> duplicates() {
        return Optional.empty();
    }

    /**
     * Prints the recipe's own test lines after the common ones ({@code test_auc=}, a baseline's
     * scores); the default prints none.
     *
     * @param model the trained model
     * @param seed  the run's seed, for a baseline trained here
     */
    default void reportAfterTest(Model model, RecipeData data, long seed) {
    }

    /**
     * For recipes on text: the raw test texts and their labels, which a saved model reads through the
     * vectorizer in its file ({@code neurite evaluate}); empty for other recipes.
     */
    default Optional<LabelledTexts> testTexts() {
        return Optional.empty();
    }

    /**
     * For recipes on text: the raw training texts and their labels in the order the recipe trains on
     * them (validation split included), so that {@code neurite export-data} can hand the recipe's
     * exact data to another tool; empty for other recipes.
     */
    default Optional<LabelledTexts> trainTexts() {
        return Optional.empty();
    }

    /**
     * How many cross-validation folds the recipe asks for ({@code --folds K}); 0, the default, for
     * none. {@code neurite train} then trains a fresh model on each fold's training part, with the
     * same settings, and reports the mean and spread of the folds' test scores.
     */
    default int folds() {
        return 0;
    }

    /** The data of fold {@code fold} (0-based) of {@link #folds()}, read when that fold is trained. */
    default RecipeData foldData(int fold) {
        throw new UnsupportedOperationException("recipe '" + name() + "' has no cross-validation folds");
    }

    /**
     * For recipes with a report of their own (the text classifier): prints it after the test
     * metrics, writes its files into {@code dir} and returns their names; empty, the default, leaves
     * the report to {@code neurite train} (the confusion matrix, when
     * {@link #reportsConfusionMatrix} asks for it).
     */
    default Optional<List<String>> report(Model model, TrainingRun run, Path dir) throws IOException {
        return Optional.empty();
    }
}
