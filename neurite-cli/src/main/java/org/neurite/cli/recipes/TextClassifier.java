package org.neurite.cli.recipes;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.neurite.cli.report.ClassificationReport;
import org.neurite.cli.report.ConfusionMatrixPlot;
import org.neurite.cli.report.CorpusScoring;
import org.neurite.cli.report.LabelThresholds;
import org.neurite.cli.report.MultiLabelReport;
import org.neurite.cli.report.RegressionReport;
import org.neurite.data.DuplicateCheck;
import org.neurite.data.DuplicateReport;
import org.neurite.data.LabelKind;
import org.neurite.data.Split;
import org.neurite.data.StratifiedSplit;
import org.neurite.data.TextCorpus;
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
 * {@code neurite evaluate}.
 *
 * <p>Two more kinds of labels ({@link LabelKind}): {@code --label-separator SEP} splits the label
 * column into several labels per text, and {@code --label a,b,c} names one 0/1 column per label
 * (multi-label: one sigmoid output per label, binary cross-entropy, and per-label thresholds chosen
 * where each label's F1 is best on the validation texts, saved in the model; no class weights);
 * {@code --task regression} reads the label column as a number (a linear output, mean squared error,
 * and MAE, RMSE and R² against a baseline predicting the training mean). Both split at random and
 * stop early on the validation loss; {@link ModelTargets} is what the model file says about them.
 *
 * <pre>{@code
 * neurite train text-classifier --data tickets.csv --text body --label category --model cnn --folds 5
 * neurite train text-classifier --data posts.jsonl --text text --label tags --label-separator "|"
 * neurite train text-classifier --data reviews.csv --text review --label stars --task regression
 * }</pre>
 */
public final class TextClassifier implements Recipe {
    /** The seed of the train/test split and of the training order, fixed so that runs with different model seeds compare. */
    static final long SPLIT_SEED = 42;
    /** From how many times the smallest class's count the largest class makes the corpus imbalanced. */
    static final double IMBALANCE_RATIO = 1.5;
    /** Adam's rate (Keras' default), where the sequence networks' cosine decay starts. */
    private static final float LEARNING_RATE = 1e-3f;

    private final TextClassifierOptions options;
    private Split<TextCorpus> parts;
    private DuplicateReport duplicates;
    private ModelTargets targets;

    public TextClassifier() {
        this(new TextClassifierOptions());
    }

    private TextClassifier(TextClassifierOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "text-classifier";
    }

    @Override
    public String description() {
        return "your own corpus: --data FILE --text COL --label COL [--label-separator SEP | --task regression]"
                + " [--model bow|cnn|lstm|bilstm|transformer] [--test-split 0.2 | --test FILE] [--folds K]"
                + " [--no-class-weights]";
    }

    @Override
    public Recipe configured(List<String> args) {
        TextClassifierOptions parsed = RecipeOptions.parse(name(), new TextClassifierOptions(), args);
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
        if (parsed.regression() && parsed.label != null && (parsed.separator != null || parsed.label.contains(","))) {
            throw new IllegalArgumentException(name() + ": --task regression reads one number per text from one"
                    + " --label column; --label-separator and several label columns are for multi-label corpora");
        }
        if (parsed.corpus().isFolder() && (parsed.regression() || parsed.separator != null)) {
            throw new IllegalArgumentException(name() + ": a folder of class folders holds one class per text;"
                    + " --task regression and --label-separator need a .csv, .tsv or .jsonl file");
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
            TextCorpus corpus = checked(options.corpus().read(), options.data);
            Split<TextCorpus> split = options.test == null ? StratifiedSplit.of(corpus, options.testSplit, SPLIT_SEED)
                    : new Split<>(corpus, CorpusLabels.remapped(checked(testFile().read(), options.test), corpus,
                            options.test));
            parts = new Split<>(shuffled(split.train()), split.test());
        }
        return parts;
    }

    private CorpusFile testFile() {
        return new CorpusFile(options.test, options.text, options.label, options.skipBadRows, options.separator,
                options.regression());
    }

    /** The corpus, warning about skipped rows. */
    private TextCorpus checked(TextCorpus corpus, Path source) {
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

    /**
     * What the model predicts, saved with it ({@link ModelTargets}): the class names in id order
     * ({@code {"classes":["billing","bug"]}}); for multi-label also the thresholds chosen on the
     * validation texts, for regression the training targets' statistics.
     */
    @Override
    public Map<String, String> modelMetadata(Model model) {
        return targets(model).metadata();
    }

    /** The model's {@link ModelTargets}, worked out once after training (multi-label thresholds need the weights). */
    private ModelTargets targets(Model model) {
        if (targets == null) {
            TextCorpus train = parts().train();
            targets = switch (kind()) {
                case MULTI_LABEL -> ModelTargets.multiLabel(train.classes(), thresholds(model, train), options.separator);
                case REGRESSION -> ModelTargets.regression(TargetStatistics.of(train.targets()));
                default -> new ModelTargets(kind(), train.classes(), new float[0], null, null);
            };
        }
        return targets;
    }

    /**
     * Per-label thresholds where each label's F1 is best on {@code train}'s validation texts, the
     * last share that fit held out (it slices the same tail), so the test texts stay unseen.
     */
    private float[] thresholds(Model model, TextCorpus train) {
        int start = train.size() - (int) (train.size() * validationSplit());
        int[] tail = java.util.stream.IntStream.range(start, train.size()).toArray();
        TextCorpus validation = train.subset(tail);
        if (validation.size() == 0) {
            float[] defaults = new float[train.classes().size()];
            Arrays.fill(defaults, LabelThresholds.DEFAULT);
            return defaults;
        }
        return LabelThresholds.bestF1(CorpusScoring.probabilities(model, validation.texts()), validation.targets(),
                train.classes().size());
    }

    /** Fold scores: the default for classes; micro/macro F1 and subset accuracy for labels; MAE, RMSE, R² for numbers. */
    @Override
    public Map<String, Double> foldScores(int fold, Model model, RecipeData data) {
        Split<TextCorpus> part = StratifiedSplit.folds(parts().train(), options.folds, SPLIT_SEED).get(fold);
        TextCorpus test = part.test();
        return switch (kind()) {
            case MULTI_LABEL -> {
                Map<String, Double> all = CorpusScoring.multiLabel(model, test.classes().classes(),
                        thresholds(model, part.train()), test.texts(), test.targets()).metrics();
                yield subMap(all, "micro_f1", "macro_f1", "subset_accuracy");
            }
            case REGRESSION -> subMap(CorpusScoring.regression(model, TargetStatistics.of(part.train().targets()).mean(),
                    test.texts(), test.targets()).metrics(), "mae", "rmse", "r2");
            default -> Recipe.super.foldScores(fold, model, data);
        };
    }

    private static Map<String, Double> subMap(Map<String, Double> all, String... names) {
        Map<String, Double> some = new java.util.LinkedHashMap<>();
        for (String name : names) {
            some.put(name, all.get(name));
        }
        return some;
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
        return networks().model(seed, networks().vectorizer(), kind(), outputCount());
    }

    @Override
    public Model model(long seed, RecipeData data) {
        Model model = networks().model(seed, TextVectorization.fromState(data.vectorizer()), kind(), outputCount());
        return kind() == LabelKind.REGRESSION ? startingAtMean(model, data.trainY()) : model;
    }

    /**
     * {@code model} with its output bias set to the mean training target, so that training starts
     * from the baseline instead of spending its first epochs climbing to the targets' level, and a
     * text of unknown words is predicted near the mean (as Keras' guide on imbalanced data sets
     * the output bias of a classifier from the class balance).
     */
    private static Model startingAtMean(Model model, Tensor targets) {
        float[] y = targets.toArray();
        double sum = 0;
        for (float v : y) {
            sum += v;
        }
        model.build();
        List<Tensor> weights = new java.util.ArrayList<>(model.getWeights());
        weights.set(weights.size() - 1, Tensor.full((float) (sum / y.length), 1));   // Dense(1)'s bias comes last
        model.setWeights(weights);
        return model;
    }

    /**
     * What the corpus's labels are; binary before a corpus is given ({@code neurite summary
     * text-classifier} shows the binary network).
     */
    private LabelKind kind() {
        return options.data == null ? LabelKind.BINARY : parts().train().kind();
    }

    /** The number of classes or labels of the corpus (1 for regression); two before a corpus is given. */
    private int outputCount() {
        return options.data == null ? 2 : kind() == LabelKind.REGRESSION ? 1 : parts().train().classes().size();
    }

    @Override
    public void compile(Model model) {
        compile(model, new Adam(LEARNING_RATE));
    }

    private void compile(Model model, Optimizer optimizer) {
        switch (kind()) {
            case BINARY -> model.compile(optimizer, "binary_crossentropy", "accuracy", "precision", "recall");
            case MULTI_LABEL -> model.compile(optimizer, "binary_crossentropy", "binary_accuracy");
            case REGRESSION -> model.compile(optimizer, "mean_squared_error");
            default -> model.compile(optimizer, "sparse_categorical_crossentropy", "accuracy");
        }
    }

    /** Whether each text has one class (binary, multi-class), whose accuracy early stopping can watch. */
    private boolean oneClassPerText() {
        return kind() == LabelKind.BINARY || kind() == LabelKind.MULTI_CLASS;
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

    /**
     * What early stopping watches: {@code --monitor} for one class per text; the validation loss for
     * labels (their accuracy is dominated by the many absent labels) and numbers (which have none).
     */
    String monitor() {
        return oneClassPerText() ? options.monitor : "val_loss";
    }

    @Override
    public void configureFit(FitOptions.Builder fit) {
        fit.callbacks(new EarlyStopping(monitor(), options.patience).optRestoreBestWeights(true));
        if (options.model.bucketed()) {
            fit.bucketBySequenceLength(SequencePadding.POST);
        }
        classWeights().ifPresent(fit::classWeight);
    }

    /**
     * Balanced class weights when the training part is imbalanced and they are not turned off; none
     * for multi-label and regression corpora (a text there has no single class to weight).
     */
    Optional<Map<Integer, Float>> classWeights() {
        if (options.data == null || options.noClassWeights || !oneClassPerText()) {
            return Optional.empty();
        }
        TextCorpus train = parts().train();
        return ClassWeights.isImbalanced(train.classIds(), train.classes().size(), IMBALANCE_RATIO)
                ? Optional.of(ClassWeights.balanced(train.classIds(), train.classes().size())) : Optional.empty();
    }

    /**
     * Prints the test report (classification, multi-label or regression) and writes the model card,
     * and for one class per text the confusion matrix.
     */
    @Override
    public Optional<List<String>> report(Model model, TrainingRun run, Path dir) throws IOException {
        TextCorpus test = parts().test();
        ModelTargets saved = targets(model);
        ModelCard.Results results;
        List<String> files = new java.util.ArrayList<>();
        switch (kind()) {
            case MULTI_LABEL -> {
                MultiLabelReport report = CorpusScoring.multiLabel(model, test.classes().classes(), saved.thresholds(),
                        test.texts(), test.targets());
                System.out.print(report.text(run.test().keySet()));
                results = ModelCard.Results.of(report);
            }
            case REGRESSION -> {
                RegressionReport report = CorpusScoring.regression(model, saved.target().mean(), test.texts(),
                        test.targets());
                System.out.print(report.text(run.test().keySet()));
                results = ModelCard.Results.of(report);
            }
            default -> {
                ClassificationReport report = CorpusScoring.report(model, test.classes().classes(), test.texts(),
                        test.classIds());
                System.out.print(report.text(run.test().keySet()));
                Path png = dir.resolve("confusion_matrix.png");
                ConfusionMatrixPlot.write(report.matrix(), report.classes(), "text-classifier: test confusion matrix",
                        png);
                files.add("confusion_matrix.png");
                results = ModelCard.Results.of(report);
            }
        }
        ModelCard card = new ModelCard(options, parts(), duplicates().orElseThrow(), classWeights(), run, saved, results);
        card.write(dir.resolve("model-card.md"));
        files.add("model-card.md");
        return Optional.of(files);
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
}
