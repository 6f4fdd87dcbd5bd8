package org.neurite.cli.recipes;

import java.util.List;
import java.util.Optional;
import org.neurite.cli.Arguments;
import org.neurite.data.DuplicateCheck;
import org.neurite.data.DuplicateReport;
import org.neurite.data.ReviewDataset;
import org.neurite.data.ReviewDatasets;
import org.neurite.data.Split;
import org.neurite.models.Model;
import org.neurite.models.Sequential;
import org.neurite.nn.Input;
import org.neurite.nn.Layer;
import org.neurite.nn.Activation;
import org.neurite.nn.Initializer;
import org.neurite.nn.layers.Bidirectional;
import org.neurite.nn.layers.Conv1D;
import org.neurite.nn.layers.ConvPadding;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Dropout;
import org.neurite.nn.layers.Embedding;
import org.neurite.nn.layers.GlobalAveragePooling1D;
import org.neurite.nn.layers.GlobalMaxPooling1D;
import org.neurite.nn.layers.LSTM;
import org.neurite.nn.layers.TokenAndPositionEmbedding;
import org.neurite.nn.layers.TransformerEncoder;
import org.neurite.tensor.Tensor;
import org.neurite.text.OutputMode;
import org.neurite.text.Standardization;
import org.neurite.text.TextVectorization;
import org.neurite.train.Adam;
import org.neurite.train.CosineDecay;
import org.neurite.train.EarlyStopping;
import org.neurite.train.FitOptions;
import org.neurite.train.SequencePadding;
import picocli.CommandLine.Option;

/**
 * Sentiment of IMDB movie reviews, raw text in: a {@link TextVectorization} adapted on the 25,000
 * training reviews only, then one of five networks, trained with Adam and binary cross-entropy and
 * reported with accuracy, precision, recall, F1 and the confusion matrix on the 25,000 test reviews.
 * The model file holds the vectorizer, so {@code neurite predict} reads new texts.
 *
 * <ul>
 *   <li>{@code imdb-bow}: tf-idf of words and word pairs (20,000 entries) → Dense(32, relu) →
 *       Dropout(0.5) → Dense(1, sigmoid), the classic text-mining baseline.</li>
 *   <li>{@code imdb-lstm}: the first {@value #SEQUENCE_LENGTH} tokens as ids (20,000 words) →
 *       Embedding(20000, 128, mask_zero) → LSTM(32, dropout 0.2) → Dropout(0.5) → Dense(1, sigmoid).</li>
 *   <li>{@code imdb-bilstm}: the same with Bidirectional(LSTM(32, dropout 0.2)).</li>
 *   <li>{@code imdb-cnn}: the ids → Embedding(20000, 64) → Dropout(0.2) → Conv1D(250, 3, relu, same)
 *       → GlobalMaxPooling1D → Dense(250, relu) → Dropout(0.2) → Dense(1, sigmoid), after Keras'
 *       {@code imdb_cnn} example: each filter fires on one 3-word pattern anywhere in the review.</li>
 *   <li>{@code imdb-transformer}: the ids → TokenAndPositionEmbedding(20000, {@value #SEQUENCE_LENGTH},
 *       64, mask_zero) → TransformerEncoder(4 heads, intermediate 128, dropout 0.1) →
 *       GlobalAveragePooling1D over the real words → Dropout(0.1) → Dense(1, sigmoid).</li>
 * </ul>
 *
 * <p>The sequence models follow a cosine learning-rate decay from 1e-3 to 0 over the planned
 * epochs ({@link #compileForTraining}). With a constant rate the LSTM's best epoch was its first,
 * and where that epoch ended was luck: with seed 5 the decision threshold swung between epochs
 * (validation precision 0.93 and recall 0.80 after epoch 1, 0.82 and 0.92 after epoch 2) and the
 * test accuracy was 86.05%. A decaying rate lets the last epochs settle instead of jumping.
 *
 * <p>{@value #SEQUENCE_LENGTH} tokens keep the whole of 87% of the reviews (median 171 words, mean
 * 229; 256 tokens would keep 72% and cost about one point of test accuracy). Batches of similar
 * lengths are cut to their longest review ({@link FitOptions.Builder#bucketBySequenceLength}), which
 * the mask makes exact, so the short majority stays cheap. Training stops when the validation
 * accuracy has not improved for two epochs and keeps the best epoch's weights: the 2.56 million
 * embedding weights overfit after one or two epochs.
 *
 * <pre>{@code
 * Recipe bow = ImdbSentiment.bagOfWords();
 * RecipeData data = bow.data();                    // (25000, 20000) tf-idf rows, sparse, and the vectorizer
 * Model model = bow.model(42, data);               // reads raw texts through the adapted vectorizer
 * bow.compile(model);
 * model.predict(List.of("I loved this movie"));    // (1, 1): P(positive)
 * }</pre>
 */
public final class ImdbSentiment implements Recipe {
    /** Tokens kept per review for the sequence models. */
    static final int SEQUENCE_LENGTH = 400;
    static final int MAX_TOKENS = 20_000;
    private static final int EMBEDDING_DIM = 128;
    private static final int LSTM_UNITS = 32;
    private static final float LSTM_INPUT_DROPOUT = 0.2f;
    private static final int CNN_EMBEDDING_DIM = 64;
    private static final int CNN_FILTERS = 250;
    private static final int CNN_KERNEL_SIZE = 3;
    private static final int TRANSFORMER_DIM = 64;
    private static final int TRANSFORMER_HEADS = 4;
    private static final int TRANSFORMER_INTERMEDIATE_DIM = 128;
    private static final float LEARNING_RATE = 1e-3f;
    private static final int PATIENCE = 2;

    /** The five networks. */
    private enum Kind { BOW, LSTM, BILSTM, CNN, TRANSFORMER }

    private final Kind kind;
    private final Options options;

    private ImdbSentiment(Kind kind, Options options) {
        this.kind = kind;
        this.options = options;
    }

    /** {@code imdb-bow}: the tf-idf bag-of-words MLP. */
    public static ImdbSentiment bagOfWords() {
        return new ImdbSentiment(Kind.BOW, new Options());
    }

    /** {@code imdb-lstm}: Embedding → LSTM. */
    public static ImdbSentiment lstm() {
        return new ImdbSentiment(Kind.LSTM, new Options());
    }

    /** {@code imdb-bilstm}: Embedding → Bidirectional(LSTM). */
    public static ImdbSentiment bidirectionalLstm() {
        return new ImdbSentiment(Kind.BILSTM, new Options());
    }

    /** {@code imdb-cnn}: Embedding → Conv1D → GlobalMaxPooling1D. */
    public static ImdbSentiment convolution() {
        return new ImdbSentiment(Kind.CNN, new Options());
    }

    /** {@code imdb-transformer}: TokenAndPositionEmbedding → TransformerEncoder → GlobalAveragePooling1D. */
    public static ImdbSentiment transformer() {
        return new ImdbSentiment(Kind.TRANSFORMER, new Options());
    }

    @Override
    public String name() {
        return "imdb-" + kind.name().toLowerCase();
    }

    @Override
    public String description() {
        return switch (kind) {
            case BOW -> "IMDB review sentiment, tf-idf of words and pairs into an MLP (--subset N)";
            case LSTM -> "IMDB review sentiment, Embedding and LSTM over the first words (--subset N)";
            case BILSTM -> "IMDB review sentiment, Embedding and a bidirectional LSTM (--subset N)";
            case CNN -> "IMDB review sentiment, Embedding, Conv1D and global max pooling (--subset N)";
            case TRANSFORMER -> "IMDB review sentiment, a transformer encoder over token and position embeddings (--subset N)";
        };
    }

    @Override
    public Recipe configured(List<String> args) {
        Options parsed = RecipeOptions.parse(name(), new Options(), args);
        return new ImdbSentiment(kind, parsed);
    }

    /**
     * The vectorizer this recipe adapts: tf-idf of 1- and 2-grams, or the first word ids. Reviews
     * are standardized with Neurite's Unicode-aware rules (NFKC, every script lower-cased, Unicode
     * punctuation and {@code <br />} gone) rather than Keras' ASCII ones, which would learn "br"
     * and keep curly quotes inside words.
     */
    public TextVectorization vectorizer() {
        TextVectorization.Builder builder = TextVectorization.builder().optMaxTokens(MAX_TOKENS)
                .optStandardize(Standardization.UNICODE_LOWER_AND_STRIP_PUNCTUATION)
                .optSplit(org.neurite.text.Split.UNICODE_WHITESPACE);
        return kind == Kind.BOW
                ? builder.optOutputMode(OutputMode.TF_IDF).optNgrams(2).optPadToMaxTokens(true).build()
                : builder.optOutputSequenceLength(options.sequenceLength).build();
    }

    @Override
    public RecipeData data() {
        Split<ReviewDataset> imdb = ReviewDatasets.imdb();
        ReviewDataset train = first(imdb.train(), options.subset);
        ReviewDataset test = first(imdb.test(), options.subset);
        TextVectorization vectorizer = vectorizer();
        vectorizer.adapt(train.texts());
        if (kind == Kind.BOW) {   // tf-idf rows stay sparse: dense, 25,000 reviews x 20,000 entries are 2 GB
            return RecipeData.sparse(vectorizer.transformSparse(train.texts()), train.labelTensor(),
                    vectorizer.transformSparse(test.texts()), test.labelTensor(), vectorizer.state());
        }
        Tensor trainX = vectorizer.transform(train.texts());
        Tensor testX = vectorizer.transform(test.texts());
        return new RecipeData(trainX, train.labelTensor(), testX, test.labelTensor(), vectorizer.state());
    }

    /** The training and test reviews this recipe uses, checked for exact and near duplicates. */
    @Override
    public Optional<DuplicateReport> duplicates() {
        Split<ReviewDataset> imdb = ReviewDatasets.imdb();
        return Optional.of(DuplicateCheck.between(first(imdb.train(), options.subset).texts(),
                first(imdb.test(), options.subset).texts(), DuplicateCheck.Options.defaults()));
    }

    /** The raw test reviews with their labels, for a saved model that vectorizes them itself. */
    @Override
    public Optional<LabelledTexts> testTexts() {
        ReviewDataset test = first(ReviewDatasets.imdb().test(), options.subset);
        return Optional.of(new LabelledTexts(test.texts(), test.labelTensor()));
    }

    /** The raw training reviews with their labels, as {@link #data()} reads them. */
    @Override
    public Optional<LabelledTexts> trainTexts() {
        ReviewDataset train = first(ReviewDatasets.imdb().train(), options.subset);
        return Optional.of(new LabelledTexts(train.texts(), train.labelTensor()));
    }

    private static ReviewDataset first(ReviewDataset reviews, int n) {
        int size = Math.min(n, reviews.size());
        return new ReviewDataset(reviews.texts().subList(0, size), java.util.Arrays.copyOf(reviews.labels(), size));
    }

    /** The model on a fresh vectorizer (not adapted: every word is out of vocabulary), for its summary. */
    @Override
    public Model model(long seed) {
        return model(seed, vectorizer());
    }

    /** The model reading raw texts through the vectorizer adapted on the training reviews. */
    @Override
    public Model model(long seed, RecipeData data) {
        return model(seed, TextVectorization.fromState(data.vectorizer()));
    }

    /** The model reading raw texts through {@code vectorizer} (adapted or not). */
    public Model model(long seed, TextVectorization vectorizer) {
        Layer[] network = switch (kind) {
            case BOW -> new Layer[] {new Dense(32, "relu"), new Dropout(0.5f)};
            case LSTM -> recurrent(lstmLayer());
            case BILSTM -> recurrent(new Bidirectional(lstmLayer()));
            case CNN -> convolutional();
            case TRANSFORMER -> transformerEncoder();
        };
        Sequential model = Sequential.of(Input.ofStrings(), vectorizer);
        for (Layer layer : network) {
            model.add(layer);
        }
        return model.add(new Dense(1, "sigmoid")).seed(seed);
    }

    private LSTM lstmLayer() {
        return LSTM.builder().setUnits(options.units).optDropout(LSTM_INPUT_DROPOUT).build();
    }

    /** (batch, time) ids → (batch, time, 128), padding masked → the recurrent layer's last state. */
    private static Layer[] recurrent(Layer recurrent) {
        return new Layer[] {
            Embedding.builder().setInputDim(MAX_TOKENS).setOutputDim(EMBEDDING_DIM).optMaskZero(true).build(),
            recurrent,
            new Dropout(0.5f)};
    }

    /**
     * (batch, time) ids → (batch, time, 64) → (batch, time, 250) → (batch, 250). No mask: Keras'
     * Conv1D drops it, so padding ids have an embedding of their own, and "same" padding lets reviews
     * shorter than the kernel through.
     */
    private static Layer[] convolutional() {
        return new Layer[] {
            new Embedding(MAX_TOKENS, CNN_EMBEDDING_DIM),
            new Dropout(0.2f),
            Conv1D.builder().setFilters(CNN_FILTERS).setKernelSize(CNN_KERNEL_SIZE).optPadding(ConvPadding.SAME)
                    .optActivation(Activation.RELU).build(),
            new GlobalMaxPooling1D(),
            new Dense(CNN_FILTERS, "relu"),
            new Dropout(0.2f)};
    }

    /** (batch, time) ids → (batch, time, 64), padding masked → one encoder block → (batch, 64), the mean over real words. */
    private Layer[] transformerEncoder() {
        return new Layer[] {
            new TokenAndPositionEmbedding(null, MAX_TOKENS, options.sequenceLength, TRANSFORMER_DIM,
                    Initializer.randomUniform(), true),
            TransformerEncoder.builder().setIntermediateDim(TRANSFORMER_INTERMEDIATE_DIM).setNumHeads(TRANSFORMER_HEADS)
                    .optDropout(0.1f).build(),
            new GlobalAveragePooling1D(),
            new Dropout(0.1f)};
    }

    @Override
    public void compile(Model model) {
        model.compile("adam", "binary_crossentropy", "accuracy", "precision", "recall");
    }

    /** The sequence models' rate falls from 1e-3 to 0 along a cosine over the run; see the class comment. */
    @Override
    public void compileForTraining(Model model, long totalSteps) {
        if (kind == Kind.BOW) {
            compile(model);
            return;
        }
        Adam adam = new Adam(LEARNING_RATE);
        adam.optSchedule(new CosineDecay(LEARNING_RATE, totalSteps));
        model.compile(adam, "binary_crossentropy", "accuracy", "precision", "recall");
    }

    @Override
    public void configureFit(FitOptions.Builder fit) {
        fit.callbacks(new EarlyStopping("val_accuracy", PATIENCE).optRestoreBestWeights(true));
        if (kind != Kind.BOW) {
            // TextVectorization pads at the end. Where a mask hides the padding (LSTMs, transformer),
            // cutting it changes nothing. The CNN has no mask: scored at full length, a short review
            // also meets windows of padding alone, which all give one and the same feature vector;
            // training sees that vector in most batches too. Accepted for the time it saves.
            fit.bucketBySequenceLength(SequencePadding.POST);
        }
    }

    /** Attention holds (batch, heads, time, time) scores: 1,000 reviews of 400 tokens would need 2.5 GB per tensor. */
    @Override
    public int evaluationBatchSize() {
        return kind == Kind.TRANSFORMER ? 64 : Recipe.super.evaluationBatchSize();
    }

    @Override
    public boolean reportsConfusionMatrix() {
        return true;
    }

    @Override
    public int defaultEpochs() {
        return kind == Kind.BOW ? 6 : 3;
    }

    @Override
    public int defaultBatchSize() {
        return kind == Kind.BOW ? 128 : 64;
    }

    /** The recipe's own command-line options. */
    static final class Options {
        @Option(names = "--subset", converter = Arguments.Count.class, description = "Use only the first N training and N test reviews (default: all)")
        int subset = Integer.MAX_VALUE;

        @Option(names = "--sequence-length", converter = Arguments.Count.class, description = "Tokens kept per review, sequence models (default: 400)")
        int sequenceLength = SEQUENCE_LENGTH;

        @Option(names = "--units", converter = Arguments.Count.class, description = "Units of the LSTM, LSTM models (default: 32)")
        int units = LSTM_UNITS;
    }
}
