package org.neurite.cli.recipes;

import java.nio.file.Path;
import java.util.Locale;
import org.neurite.cli.Arguments;
import picocli.CommandLine.Option;

/** The command-line options of {@code train text-classifier} ({@link TextClassifier}). */
final class TextClassifierOptions {
    @Option(names = "--data", description = "The corpus: a .csv, .tsv or .jsonl file, or a folder of class folders")
    Path data;

    @Option(names = "--text", description = "The text column; several joined, separated by commas (a,b)")
    String text;

    @Option(names = "--label", description = "The class column; for a multi-label corpus of 0/1 columns, one"
            + " per label, separated by commas (a,b,c)")
    String label;

    @Option(names = "--label-separator", description = "Splits the --label column into several labels per text"
            + " (multi-label), such as '|' in 'news|sport'")
    String separator;

    @Option(names = "--task", description = "classification (default) or regression: --label holds a number")
    String task = "classification";

    @Option(names = "--model", description = "bow, cnn, lstm, bilstm or transformer (default: bow)",
            converter = TextNetworks.KindConverter.class)
    TextNetworks.Kind model = TextNetworks.Kind.BOW;

    @Option(names = "--test-split", description = "Share of each class held out for testing (default: 0.2)")
    double testSplit = 0.2;

    @Option(names = "--test", description = "A test file of the same shape as --data, instead of --test-split")
    Path test;

    @Option(names = "--folds", converter = Arguments.Count.class,
            description = "Also cross-validate on the training part with K stratified folds, reporting mean and spread")
    int folds;

    @Option(names = "--no-class-weights", description = "Do not weight classes in the loss when they are imbalanced")
    boolean noClassWeights;

    @Option(names = "--patience", converter = Arguments.Count.class,
            description = "Epochs without a better --monitor value before training stops (default: 2)")
    int patience = 2;

    @Option(names = "--monitor", description = "What early stopping watches for one class per text: val_accuracy"
            + " (default) or val_loss; multi-label and regression corpora always watch val_loss")
    String monitor = "val_accuracy";

    @Option(names = "--skip-bad-rows", description = "Skip rows with a wrong number of fields or an empty text"
            + " (default: stop at the first, naming its line)")
    boolean skipBadRows;

    @Option(names = "--units", converter = Arguments.Count.class,
            description = "Units of the LSTM, filters of the CNN, hidden units of bow (default: 32)")
    int units = 32;

    CorpusFile corpus() {
        return new CorpusFile(data, text, label, skipBadRows, separator, regression());
    }

    /** Whether {@code --task regression} was asked; another task than the two is refused. */
    boolean regression() {
        return switch (task.toLowerCase(Locale.ROOT)) {
            case "regression" -> true;
            case "classification" -> false;
            default -> throw new IllegalArgumentException("text-classifier: --task is classification or"
                    + " regression, got '" + task + "'");
        };
    }
}
