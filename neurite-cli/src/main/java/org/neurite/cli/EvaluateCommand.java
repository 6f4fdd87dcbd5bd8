package org.neurite.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neurite.cli.recipes.CorpusFile;
import org.neurite.cli.recipes.LabelledTexts;
import org.neurite.cli.recipes.ModelLabels;
import org.neurite.cli.recipes.ModelTargets;
import org.neurite.cli.recipes.Recipe;
import org.neurite.cli.recipes.RecipeData;
import org.neurite.cli.recipes.Recipes;
import org.neurite.cli.report.ClassificationReport;
import org.neurite.cli.report.ConfusionMatrixPlot;
import org.neurite.cli.report.CorpusScoring;
import org.neurite.cli.report.MultiLabelReport;
import org.neurite.cli.report.RegressionReport;
import org.neurite.data.CorpusCursor;
import org.neurite.data.LabelKind;
import org.neurite.models.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code neurite evaluate --model FILE}: loads a model written by {@code neurite train} and prints
 * its {@code test_<metric>=<value>} lines on the test data of the recipe that made it. A text
 * model reads the raw test texts through the vectorizer in its file, as it was trained; the recipe's
 * own vectorizer is never adapted again.
 *
 * <p>With {@code --data FILE --text COL --label COL} a text classifier is evaluated on a labelled
 * file of the user's instead (CSV, TSV, JSON lines or a folder per class), streamed a batch at a
 * time: the classification report of {@code train text-classifier} (accuracy, macro and weighted
 * precision/recall/F1, ROC-AUC, per-class table, confusion matrix, most confident mistakes), class
 * names from the model's label mapping. {@code --out DIR} also writes {@code confusion_matrix.png}.
 * A multi-label model ({@link ModelTargets}) gives the {@link MultiLabelReport} at its saved
 * thresholds, reading {@code --label} split on the separator it was trained with (or
 * {@code --label-separator}), or 0/1 columns {@code a,b,c}; a regression model gives the
 * {@link RegressionReport} against its training mean.
 *
 * <pre>{@code
 * neurite evaluate --model out/text-classifier/model.neurite --data new-tickets.csv --text body --label category
 * neurite evaluate --model out/tags/model.neurite --data new-posts.jsonl --text text --label tags
 * }</pre>
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Evaluate a saved model on its test data,"
        + " or a text classifier on a labelled file (--data FILE --text COL --label COL).")
public final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, converter = Arguments.InputFile.class, description = "A model file written by 'neurite train'.")
    Path file;

    @Option(names = "--data", description = "A labelled .csv, .tsv or .jsonl file, or a folder of class folders.")
    Path data;

    @Option(names = "--text", description = "The text column of --data; several joined, separated by commas (a,b).")
    String text;

    @Option(names = "--label", description = "The class column of --data (the label column of a multi-label or"
            + " regression model; a,b,c for 0/1 label columns).")
    String label;

    @Option(names = "--label-separator", description = "Splits --label into labels (default: the one the multi-label"
            + " model was trained with).")
    String separator;

    @Option(names = "--skip-bad-rows", description = "Skip rows of --data with a wrong number of fields or an empty text.")
    boolean skipBadRows;

    @Option(names = "--out", converter = Arguments.OutputFolder.class, description = "Folder for confusion_matrix.png (with --data).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Model model = Model.load(file);
        if (data != null) {
            return evaluateCorpus(model);
        }
        String recipeName = model.metadata().get("recipe");
        if (recipeName == null) {
            throw new IllegalArgumentException(file + ": no recipe recorded in the file, so no test data is known;"
                    + " give --data FILE --text COL --label COL");
        }
        Recipe recipe = Recipes.named(recipeName);
        recipe.compile(model);
        Map<String, Double> test;
        Map<String, Double> extra = Map.of();   // baselines and metrics in the data's units (forecast)
        if (model.vectorizer().isPresent()) {
            LabelledTexts texts = recipe.testTexts().orElseThrow(() -> new IllegalArgumentException(file
                    + ": the model reads texts but recipe '" + recipeName + "' has no test texts"));
            test = model.evaluate(texts.texts(), texts.labels());
        } else {
            RecipeData recipeData = recipe.data();
            test = recipe.evaluate(model, recipeData);
            extra = recipe.extraResults(model, recipeData);
        }
        test.forEach((name, value) -> System.out.printf(Locale.ROOT, "test_%s=%.4f%n", name, value));
        extra.forEach((name, value) -> System.out.printf(Locale.ROOT, "%s=%.4f%n", name, value));
        return 0;
    }

    /** The classification report of the model on the labelled file, streamed. */
    private int evaluateCorpus(Model model) throws Exception {
        model.vectorizer().orElseThrow(() -> new IllegalArgumentException(file
                + ": the model has no text vectorizer, so it cannot read --data; use a model from a text recipe"));
        ModelTargets targets = ModelTargets.of(model);
        CorpusFile corpus = corpusFile(targets);
        if (!corpus.isFolder() && (text == null || label == null)) {
            throw new UsageException("--data FILE needs --text COL and --label COL (a folder of class folders needs neither)");
        }
        if (corpus.isFolder() && (targets.kind() == LabelKind.MULTI_LABEL || targets.kind() == LabelKind.REGRESSION)) {
            throw new UsageException(data + ": the model is " + targets.kindName() + ", so --data must be a .csv, .tsv"
                    + " or .jsonl file with its --label column");
        }
        CorpusCursor rows = corpus.stream(false);
        switch (targets.kind()) {
            case MULTI_LABEL -> {
                MultiLabelReport report = CorpusScoring.multiLabel(model, targets.classes(), targets.thresholds(), rows);
                warnSkipped(rows);
                System.out.println("texts=" + report.size());
                System.out.print(report.text(java.util.Set.of()));
                return 0;
            }
            case REGRESSION -> {
                RegressionReport report = CorpusScoring.regression(model, targets.target().mean(), rows);
                warnSkipped(rows);
                System.out.println("texts=" + report.size());
                System.out.print(report.text(java.util.Set.of()));
                return 0;
            }
            default -> {
                return evaluateClasses(model, rows);
            }
        }
    }

    /** How to read {@code --data} for a model of these targets. */
    private CorpusFile corpusFile(ModelTargets targets) {
        return switch (targets.kind()) {
            case MULTI_LABEL -> new CorpusFile(data, text, label, skipBadRows,
                    label != null && label.contains(",") ? null : separator != null ? separator : targets.separator(),
                    false);
            case REGRESSION -> new CorpusFile(data, text, label, skipBadRows, null, true);
            default -> new CorpusFile(data, text, label, skipBadRows);
        };
    }

    private static void warnSkipped(CorpusCursor rows) {
        if (rows.skippedRows() > 0) {
            System.err.println("warning: skipped " + rows.skippedRows() + " bad rows; the first: "
                    + rows.skipMessages().getFirst());
        }
    }

    /** The classification report of a model with one class per text, and its confusion matrix with --out. */
    private int evaluateClasses(Model model, CorpusCursor rows) throws Exception {
        ClassificationReport report = CorpusScoring.report(model, ModelLabels.of(model), rows);
        warnSkipped(rows);
        System.out.println("texts=" + report.size());
        System.out.print(report.text());
        if (out != null) {
            Files.createDirectories(out);
            Path png = out.resolve("confusion_matrix.png");
            Writing.to(png, () -> ConfusionMatrixPlot.write(report.matrix(), report.classes(),
                    "confusion matrix: " + data.getFileName(), png));
            System.out.println("wrote " + png);
        }
        return 0;
    }
}
