package org.neurite.cli.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.neurite.cli.Arguments;
import org.neurite.cli.UsageException;
import org.neurite.cli.Writing;
import org.neurite.cli.recipes.Recipe;
import org.neurite.cli.recipes.RecipeData;
import org.neurite.cli.recipes.Recipes;
import org.neurite.cli.recipes.TrainingRun;
import org.neurite.cli.report.HistoryPlot;
import org.neurite.cli.report.ProgressBar;
import org.neurite.models.Model;
import org.neurite.train.CSVLogger;
import org.neurite.train.Callback;
import org.neurite.train.ConfusionMatrix;
import org.neurite.train.FitOptions;
import org.neurite.train.History;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/**
 * {@code neurite train RECIPE}: trains a recipe's network, showing the summary and a progress bar,
 * then evaluates it on the test data and prints {@code test_<metric>=<value>} lines (and, for
 * classification recipes, {@code test_f1=} and the confusion matrix, or the recipe's own report).
 * Writes the model (with its vectorizer for text recipes), the history as CSV and its plot into the
 * output folder, then whatever the recipe adds. A recipe with cross-validation folds
 * ({@link Recipe#folds}) has a fresh model trained per fold, and the folds' mean and spread printed.
 * Options this command does not know are the recipe's own ({@code --cell lstm}): see
 * {@link Recipe#configured}.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a recipe's network and report its test metrics. Other options are the recipe's own.")
public final class TrainCommand implements Callable<Integer> {
    /** The recipes' names for the help text, taken from the list itself. */
    static final class RecipeNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Recipes.all().stream().map(Recipe::name).iterator();
        }
    }

    @Parameters(index = "0", paramLabel = "RECIPE", completionCandidates = RecipeNames.class,
            description = "One of: ${COMPLETION-CANDIDATES}.")
    String recipeName;

    @Option(names = "--epochs", converter = Arguments.Count.class, description = "Epochs (default: the recipe's).")
    Integer epochs;

    @Option(names = "--batch-size", converter = Arguments.Count.class, description = "Batch size (default: the recipe's).")
    Integer batchSize;

    @Option(names = "--seed", description = "Seed for weights, shuffling and dropout (default: ${DEFAULT-VALUE}).",
            defaultValue = "42")
    long seed;

    @Option(names = "--out", converter = Arguments.OutputFolder.class, description = "Output folder (default: out/RECIPE).")
    Path out;

    @Unmatched
    List<String> recipeOptions = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Recipe recipe = configuredRecipe();
        Path dir = out != null ? out : Path.of("out", recipe.name());
        RecipeData data = recipe.data();
        recipe.duplicates().filter(report -> !report.isEmpty())
                .ifPresent(report -> System.err.println("warning: " + report.summary()));
        Model model = recipe.model(seed, data);
        int epochCount = epochs != null ? epochs : recipe.defaultEpochs();
        int batch = batchSize != null ? batchSize : recipe.defaultBatchSize();
        compile(recipe, model, data, epochCount, batch);
        System.out.println(model.summary());
        OutputFolder.prepare(dir, modelFileBytes(model));
        long start = System.nanoTime();
        History history = fit(recipe, model, data, epochCount, batch, ProgressBar.onStandardOutput(),
                new CSVLogger(dir.resolve("history.csv")));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "training took %.1f s%n", seconds);
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("recipe", recipe.name());
        metadata.put("data_sha256", data.trainingChecksum());
        metadata.putAll(recipe.modelMetadata(model));
        Path modelFile = dir.resolve("model.neurite");
        Writing.to(modelFile, () -> model.save(modelFile, metadata));
        Writing.to(dir.resolve("history.png"), () -> HistoryPlot.write(history, recipe.name(), dir.resolve("history.png")));
        List<String> extra = new ArrayList<>(recipe.writeExtraOutputs(model, data, seed, dir));
        long testStart = System.nanoTime();
        Map<String, Double> test = recipe.evaluate(model, data);
        double testSeconds = (System.nanoTime() - testStart) / 1e9;
        System.out.printf(Locale.ROOT, "evaluation took %.1f s (%.0f samples/s)%n", testSeconds,
                data.testY().dim(0) / testSeconds);
        test.forEach((name, value) -> System.out.printf(Locale.ROOT, "test_%s=%.4f%n", name, value));
        recipe.extraResults(model, data).forEach((name, value) -> System.out.printf(Locale.ROOT, "%s=%.4f%n", name, value));
        List<Map<String, Double>> folds = crossValidate(recipe, epochCount, batch);
        TrainingRun run = new TrainingRun(epochCount, batch, seed, recipe.validationSplit(), history, seconds, test, folds);
        Optional<List<String>> reported = recipe.report(model, run, dir);
        reported.ifPresent(extra::addAll);
        if (reported.isEmpty() && recipe.reportsConfusionMatrix()) {
            printClassificationReport(data.isSparse() ? model.confusionMatrix(data.sparseTestX(), data.testY())
                    : model.confusionMatrix(data.testX(), data.testY()));
        }
        recipe.reportAfterTest(model, data, seed);
        System.out.println("wrote " + dir.resolve("model.neurite") + ", history.csv, history.png"
                + (extra.isEmpty() ? "" : ", " + String.join(", ", extra)));
        return 0;
    }

    private void compile(Recipe recipe, Model model, RecipeData data, int epochCount, int batch) {
        int trainingSamples = data.trainSamples() - (int) (data.trainSamples() * recipe.validationSplit());
        long totalSteps = (long) epochCount * ((trainingSamples + (long) batch - 1) / batch);   // long: batch may be 2^31 - 1
        recipe.compileForTraining(model, totalSteps);
    }

    private History fit(Recipe recipe, Model model, RecipeData data, int epochCount, int batch, Callback... callbacks) {
        FitOptions.Builder options = FitOptions.builder()
                .epochs(epochCount)
                .batchSize(batch)
                .validationSplit(recipe.validationSplit())
                .callbacks(callbacks);
        recipe.configureFit(options);
        return recipe.fit(model, data, options.build());
    }

    /**
     * Trains a fresh model on each of the recipe's folds (same seed, epochs and batch size, no
     * progress bar), prints each fold's scores on its held-out part ({@link Recipe#foldScores}), then their mean
     * and standard deviation; returns the folds' scores (none when the recipe asks for no folds).
     */
    private List<Map<String, Double>> crossValidate(Recipe recipe, int epochCount, int batch) {
        List<Map<String, Double>> scores = new ArrayList<>();
        for (int f = 0; f < recipe.folds(); f++) {
            RecipeData fold = recipe.foldData(f);
            Model model = recipe.model(seed, fold);
            compile(recipe, model, fold, epochCount, batch);
            fit(recipe, model, fold, epochCount, batch);
            Map<String, Double> score = recipe.foldScores(f, model, fold);
            scores.add(score);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "fold %d/%d:", f + 1, recipe.folds()));
            score.forEach((name, value) -> line.append(String.format(Locale.ROOT, " %s=%.4f", name, value)));
            System.out.println(line);
        }
        if (!scores.isEmpty()) {
            for (String name : scores.getFirst().keySet()) {
                double[] values = scores.stream().mapToDouble(m -> m.get(name)).toArray();
                System.out.printf(Locale.ROOT, "cv_%s_mean=%.4f%ncv_%s_std=%.4f%n", name, FoldStatistics.mean(values),
                        name, FoldStatistics.standardDeviation(values));
            }
        }
        return scores;
    }

    /** The recipe named on the command line with its own options; a bad name or option is a usage error. */
    private Recipe configuredRecipe() {
        try {
            return Recipes.named(recipeName).configured(recipeOptions);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    /** About the size of the model file: the weights and, for Adam-like optimizers, two moments per weight. */
    private static long modelFileBytes(Model model) {
        return 3 * Float.BYTES * model.countParams();
    }

    /** {@code test_f1=} (of class 1 for two classes, else the mean over classes) and the matrix with per-class scores. */
    private static void printClassificationReport(ConfusionMatrix matrix) {
        double f1 = matrix.classes() == 2 ? matrix.f1(1)
                : IntStream.range(0, matrix.classes()).mapToDouble(matrix::f1).average().orElse(0);
        System.out.printf(Locale.ROOT, "test_f1=%.4f%n%n%s%n", f1, matrix);
    }
}
