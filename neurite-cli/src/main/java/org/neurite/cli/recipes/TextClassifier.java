package org.neurite.cli.recipes;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.neurite.cli.Arguments;
import org.neurite.cli.report.ClassificationReport;
import org.neurite.cli.report.ConfusionMatrixPlot;
import org.neurite.cli.report.CorpusScoring;
import org.neurite.data.DuplicateCheck;
import org.neurite.data.DuplicateReport;
import org.neurite.data.LabelKind;
import org.neurite.data.LabelMapping;
import org.neurite.data.Split;
import org.neurite.data.StratifiedSplit;
import org.neurite.data.TextCorpus;
import org.neurite.data.TextDatasets;
import org.neurite.models.Model;
import org.neurite.tensor.Tensor;
import org.neurite.text.TextVectorization;
import org.neurite.train.Adam;
import org.neurite.train.ClassWeights;
import org.neurite.train.CosineDecay;
import org.neurite.train.EarlyStopping;
import org.neurite.train.FitOptions;
import org.neurite.train.Optimizer;
import org.neurite.train.SequencePadding;
import picocli.CommandLine.Option;

/**
 * {@code neurite train text-classifier --data FILE --text COL --label COL}: a classifier for the
 * user's own corpus, a CSV/TSV file, a JSON-lines file or a folder with one sub-folder per class.
 * The corpus is split with {@link StratifiedSplit} (seed {@value #SPLIT_SEED}), or tested on
 * {@code --test FILE}; a {@link TextVectorization} is adapted on the training part only, and one
 * of the {@link TextNetworks} learns ({@code --model bow|cnn|lstm|bilstm|transformer}).
 *
 * <p>Training texts are shuffled (seed {@value #SPLIT_SEED}) before the last 10% are held out for
 * validation, so that a file sorted by class (a folder per class) still validates on every class;
 * training stops when the validation accuracy has not improved for {@code --patience} epochs and
 * keeps the best epoch's weights ({@code --monitor val_loss} watches the validation loss instead).
 * The sequence networks' learning rate decays along a cosine ({@link #compileForTraining}). When
 * the largest class holds more than {@value #IMBALANCE_RATIO} times the texts of the smallest, classes are weighted in the loss
 * ({@link ClassWeights#balanced}) unless {@code --no-class-weights}. {@code --folds K} also
 * cross-validates on the training part (K fresh models) and reports the folds' mean and spread.
 *
 * <p>After training the recipe prints the {@link ClassificationReport} of the test part and writes
 * {@code confusion_matrix.png} and {@code model-card.md} ({@link ModelCard}) beside the model, whose
 * file holds the class names ({@code label_mapping}) for {@code neurite predict} and
 * {@code neurite evaluate}. Multi-label and regression corpora are read by {@link TextDatasets} but
 * not trained here.
 *
 * <pre>{@code
 * neurite train text-classifier --data tickets.csv --text body --label category --model cnn --folds 5
 * }</pre>
 */
public final class TextClassifier implements Recipe {
    /** The seed of the train/test split and of the training order, fixed so that runs with different model seeds compare. */
    static final long SPLIT_SEED = 42;
    /** From how many times the smallest class's count the largest class makes the corpus imbalanced. */
    static final double IMBALANCE_RATIO = 1.5;
    /** Adam's rate (Keras' default), where the sequence networks' cosine decay starts. */
    private static final float LEARNING_RATE = 1e-3f;

    private final Options options;
    private Split<TextCorpus> parts;
    private DuplicateReport duplicates;

    public TextClassifier() {
        this(new Options());
    }

    private TextClassifier(Options options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "text-classifier";
    }

    @Override
    public String description() {
        return "your own corpus: --data FILE --text COL --label COL [--model bow|cnn|lstm|bilstm|transformer]"
                + " [--test-split 0.2 | --test FILE] [--folds K] [--no-class-weights]";
    }

    @Override
    public Recipe configured(List<String> args) {
        Options parsed = RecipeOptions.parse(name(), new Options(), args);
        if (parsed.data == null) {
            throw new IllegalArgumentException(name() + ": --data FILE is required (a .csv, .tsv or .jsonl file,"
                    + " or a folder with one sub-folder per class)");
        }
        if (!parsed.corpus().isFolder() && (parsed.text == null || parsed.label == null)) {
            throw new IllegalArgumentException(name() + ": --text COL and --label COL are required for a file");
        }
        if (!(parsed.testSplit > 0 && parsed.testSplit < 1)) {
            throw new IllegalArgumentException(name() + ": --test-split must be between 0 and 1, got " + parsed.testSplit);
        }
        if (!parsed.monitor.equals("val_accuracy") && !parsed.monitor.equals("val_loss")) {
            throw new IllegalArgumentException(name() + ": --monitor must be val_accuracy or val_loss, got '"
                    + parsed.monitor + "'");
        }
        if (parsed.folds == 1) {
            throw new IllegalArgumentException(name() + ": --folds must be at least 2, got 1");
        }
        return new TextClassifier(parsed);
    }

    /** The corpus split into training (shuffled) and test parts, read once. */
    Split<TextCorpus> parts() {
        if (options.data == null) {
            throw new IllegalArgumentException(name() + ": the corpus is not known here; give --data FILE, or evaluate"
                    + " a saved model with 'neurite evaluate --model FILE --data FILE --text COL --label COL'");
        }
        if (parts == null) {
            TextCorpus corpus = classes(options.corpus().read(), options.data);
            Split<TextCorpus> split = options.test == null ? StratifiedSplit.of(corpus, options.testSplit, SPLIT_SEED)
                    : new Split<>(corpus, CorpusLabels.remapped(classes(testFile().read(), options.test), corpus.classes(),
                            options.test));
            parts = new Split<>(shuffled(split.train()), split.test());
        }
        return parts;
    }

    private CorpusFile testFile() {
        return new CorpusFile(options.test, options.text, options.label, options.skipBadRows);
    }

    /** The corpus if it has one class per text, warning about skipped rows; else a clear error. */
    private TextCorpus classes(TextCorpus corpus, Path source) {
        if (corpus.kind() != LabelKind.BINARY && corpus.kind() != LabelKind.MULTI_CLASS) {
            throw new IllegalArgumentException(name() + ": " + source + ": " + corpus.kind().name().toLowerCase(Locale.ROOT)
                    + " labels are not trained by this recipe yet; it takes one class per text");
        }
        if (corpus.skippedRows() > 0) {
            System.err.println("warning: " + source + ": skipped " + corpus.skippedRows() + " bad rows; the first: "
                    + corpus.skipMessages().getFirst());
        }
        return corpus;
    }

    /** The texts in a seeded random order, so that the validation split (the last 10%) mixes the classes. */
    private static TextCorpus shuffled(TextCorpus corpus) {
        int[] order = new int[corpus.size()];
        Arrays.setAll(order, i -> i);
        Random random = new Random(SPLIT_SEED);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return corpus.subset(order);
    }

    private TextNetworks networks() {
        return new TextNetworks(options.model, options.units);
    }

    @Override
    public RecipeData data() {
        return vectorized(parts().train(), parts().test());
    }

    /** The training and test texts vectorized by a vectorizer adapted on the training texts only. */
    private RecipeData vectorized(TextCorpus train, TextCorpus test) {
        TextVectorization vectorizer = networks().vectorizer();
        vectorizer.adapt(train.texts());
        if (options.model == TextNetworks.Kind.BOW) {
            return RecipeData.sparse(vectorizer.transformSparse(train.texts()), train.labelTensor(),
                    vectorizer.transformSparse(test.texts()), test.labelTensor(), vectorizer.state());
        }
        Tensor trainX = vectorizer.transform(train.texts());
        return new RecipeData(trainX, train.labelTensor(), vectorizer.transform(test.texts()), test.labelTensor(),
                vectorizer.state());
    }

    @Override
    public int folds() {
        return options.folds;
    }

    /** Fold {@code fold} of a stratified k-fold split of the training part; the test part stays unseen. */
    @Override
    public RecipeData foldData(int fold) {
        Split<TextCorpus> part = StratifiedSplit.folds(parts().train(), options.folds, SPLIT_SEED).get(fold);
        return vectorized(part.train(), part.test());
    }

    /** The class names in id order, as JSON ({@code {"classes":["billing","bug"]}}), so predictions can be named. */
    @Override
    public Map<String, String> modelMetadata() {
        return Map.of(ModelLabels.KEY, ModelLabels.json(parts().train().classes()));
    }

    @Override
    public Optional<DuplicateReport> duplicates() {
        if (duplicates == null) {
            duplicates = DuplicateCheck.between(parts().train().texts(), parts().test().texts(),
                    DuplicateCheck.Options.defaults());
        }
        return Optional.of(duplicates);
    }

    @Override
    public Optional<LabelledTexts> testTexts() {
        return Optional.of(new LabelledTexts(parts().test().texts(), parts().test().labelTensor()));
    }

    @Override
    public Model model(long seed) {
        return networks().model(seed, networks().vectorizer(), classCount());
    }

    @Override
    public Model model(long seed, RecipeData data) {
        return networks().model(seed, TextVectorization.fromState(data.vectorizer()), classCount());
    }

    /**
     * The number of classes of the corpus; two before a corpus is given ({@code neurite summary
     * text-classifier} shows the binary network).
     */
    private int classCount() {
        return options.data == null ? 2 : parts().train().classes().size();
    }

    @Override
    public void compile(Model model) {
        compile(model, new Adam(LEARNING_RATE));
    }

    private void compile(Model model, Optimizer optimizer) {
        if (classCount() == 2) {
            model.compile(optimizer, "binary_crossentropy", "accuracy", "precision", "recall");
        } else {
            model.compile(optimizer, "sparse_categorical_crossentropy", "accuracy");
        }
    }

    /**
     * The sequence networks' learning rate falls from 1e-3 to 0 along a cosine over the planned
     * epochs, as in the {@code imdb-*} recipes: with a constant rate the LSTM's best epoch there was
     * its first and where it ended was luck; a decaying rate lets the last epochs settle. The bag of
     * words keeps Adam's constant 1e-3, as {@code imdb-bow} and {@code spam}.
     */
    @Override
    public void compileForTraining(Model model, long totalSteps) {
        if (options.model == TextNetworks.Kind.BOW) {
            compile(model);
            return;
        }
        compile(model, new Adam(LEARNING_RATE).optSchedule(new CosineDecay(LEARNING_RATE, totalSteps)));
    }

    @Override
    public void configureFit(FitOptions.Builder fit) {
        fit.callbacks(new EarlyStopping(options.monitor, options.patience).optRestoreBestWeights(true));
        if (options.model.bucketed()) {
            fit.bucketBySequenceLength(SequencePadding.POST);
        }
        classWeights().ifPresent(fit::classWeight);
    }

    /** Balanced class weights when the training part is imbalanced and they are not turned off. */
    Optional<Map<Integer, Float>> classWeights() {
        if (options.data == null || options.noClassWeights) {
            return Optional.empty();
        }
        TextCorpus train = parts().train();
        return ClassWeights.isImbalanced(train.classIds(), train.classes().size(), IMBALANCE_RATIO)
                ? Optional.of(ClassWeights.balanced(train.classIds(), train.classes().size())) : Optional.empty();
    }

    /** Prints the classification report of the test part and writes its confusion matrix and the model card. */
    @Override
    public Optional<List<String>> report(Model model, TrainingRun run, Path dir) throws IOException {
        TextCorpus test = parts().test();
        ClassificationReport report = CorpusScoring.report(model, test.classes().classes(), test.texts(), test.classIds());
        System.out.print(report.text(run.test().keySet()));
        Path png = dir.resolve("confusion_matrix.png");
        ConfusionMatrixPlot.write(report.matrix(), report.classes(), "text-classifier: test confusion matrix", png);
        ModelCard card = new ModelCard(options, parts(), duplicates().orElseThrow(), classWeights(), run, report);
        card.write(dir.resolve("model-card.md"));
        return Optional.of(List.of("confusion_matrix.png", "model-card.md"));
    }

    @Override
    public boolean reportsConfusionMatrix() {
        return true;
    }

    @Override
    public int defaultEpochs() {
        return options.model == TextNetworks.Kind.BOW ? 6 : 10;
    }

    @Override
    public int defaultBatchSize() {
        return options.model == TextNetworks.Kind.BOW ? 128 : 64;
    }

    /** The recipe's own command-line options. */
    static final class Options {
        @Option(names = "--data", description = "The corpus: a .csv, .tsv or .jsonl file, or a folder of class folders")
        Path data;

        @Option(names = "--text", description = "The text column; several joined, separated by commas (a,b)")
        String text;

        @Option(names = "--label", description = "The class column")
        String label;

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

        @Option(names = "--monitor", description = "What early stopping watches: val_accuracy (default) or val_loss")
        String monitor = "val_accuracy";

        @Option(names = "--skip-bad-rows", description = "Skip rows with a wrong number of fields or an empty text"
                + " (default: stop at the first, naming its line)")
        boolean skipBadRows;

        @Option(names = "--units", converter = Arguments.Count.class,
                description = "Units of the LSTM, filters of the CNN, hidden units of bow (default: 32)")
        int units = 32;

        CorpusFile corpus() {
            return new CorpusFile(data, text, label, skipBadRows);
        }
    }
}
