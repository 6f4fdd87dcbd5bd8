package org.neurite.cli.recipes;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.neurite.cli.Arguments;
import org.neurite.data.BadRowPolicy;
import org.neurite.data.DuplicateCheck;
import org.neurite.data.DuplicateReport;
import org.neurite.data.LabelKind;
import org.neurite.data.Split;
import org.neurite.data.StratifiedSplit;
import org.neurite.data.TableCorpusReader;
import org.neurite.data.TextCorpus;
import org.neurite.data.TextDatasets;
import org.neurite.models.Model;
import org.neurite.models.Sequential;
import org.neurite.nn.Input;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Dropout;
import org.neurite.nn.layers.Embedding;
import org.neurite.nn.layers.LSTM;
import org.neurite.tensor.Tensor;
import org.neurite.text.OutputMode;
import org.neurite.text.Standardization;
import org.neurite.text.TextVectorization;
import org.neurite.train.EarlyStopping;
import org.neurite.train.FitOptions;
import org.neurite.train.SequencePadding;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code neurite train text-classifier --data FILE --text COL --label COL}: a classifier for the
 * user's own corpus, a CSV/TSV file, a JSON-lines file or a folder with one sub-folder per class.
 * The corpus is split with {@link StratifiedSplit} (seed {@value #SPLIT_SEED}), a
 * {@link TextVectorization} is adapted on the training part only, and one of two networks learns:
 *
 * <ul>
 *   <li>{@code --model bow} (default): tf-idf of words and word pairs → Dense(32, relu) →
 *       Dropout(0.5) → the output layer.</li>
 *   <li>{@code --model lstm}: word ids → Embedding(128, mask_zero) → LSTM(32) → Dropout(0.5) → the
 *       output layer.</li>
 * </ul>
 *
 * <p>Two classes end in Dense(1, sigmoid) with binary cross-entropy, more in Dense(classes,
 * softmax) with sparse categorical cross-entropy; class ids follow the sorted class names. Without
 * {@code --data} (as {@code neurite summary text-classifier} runs it) the network is the binary one.
 * Multi-label and regression corpora are read by {@link TextDatasets} but not yet trained here.
 *
 * <pre>{@code
 * neurite train text-classifier --data tickets.csv --text body --label category --model lstm
 * }</pre>
 */
public final class TextClassifier implements Recipe {
    /** The seed of the train/test split, fixed so that runs with different model seeds compare. */
    static final long SPLIT_SEED = 42;
    private static final int MAX_TOKENS = 20_000;
    private static final int SEQUENCE_LENGTH = 400;
    private static final int EMBEDDING_DIM = 128;
    private static final int PATIENCE = 2;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Options options;
    private Split<TextCorpus> parts;

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
        return "your own corpus: --data FILE --text COL --label COL [--model bow|lstm] [--test-split 0.2]";
    }

    @Override
    public Recipe configured(List<String> args) {
        Options parsed = new Options();
        try {
            new CommandLine(parsed).parseArgs(args.toArray(new String[0]));
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(name() + ": " + e.getMessage(), e);
        }
        if (parsed.data == null) {
            throw new IllegalArgumentException(name() + ": --data FILE is required (a .csv, .tsv or .jsonl file,"
                    + " or a folder with one sub-folder per class)");
        }
        boolean folder = Files.isDirectory(parsed.data);
        if (!folder && (parsed.text == null || parsed.label == null)) {
            throw new IllegalArgumentException(name() + ": --text COL and --label COL are required for a file");
        }
        if (!(parsed.testSplit > 0 && parsed.testSplit < 1)) {
            throw new IllegalArgumentException(name() + ": --test-split must be between 0 and 1, got " + parsed.testSplit);
        }
        return new TextClassifier(parsed);
    }

    /** The corpus split into training and test parts, read once. */
    private Split<TextCorpus> parts() {
        if (options.data == null) {
            throw new IllegalArgumentException(name() + ": the corpus is not known here; give --data FILE"
                    + " (evaluating a saved text-classifier model is not supported yet)");
        }
        if (parts == null) {
            TextCorpus corpus = read();
            if (corpus.kind() != LabelKind.BINARY && corpus.kind() != LabelKind.MULTI_CLASS) {
                throw new IllegalArgumentException(name() + ": " + corpus.kind().name().toLowerCase(Locale.ROOT)
                        + " labels are not trained by this recipe yet; it takes one class per text");
            }
            if (corpus.skippedRows() > 0) {
                System.err.println("warning: skipped " + corpus.skippedRows() + " bad rows; the first: "
                        + corpus.skipMessages().getFirst());
            }
            parts = StratifiedSplit.of(corpus, options.testSplit, SPLIT_SEED);
        }
        return parts;
    }

    private TextCorpus read() {
        Path data = options.data;
        if (Files.isDirectory(data)) {
            return TextDatasets.folder(data).onBadRow(badRows()).read();
        }
        String file = data.getFileName().toString().toLowerCase(Locale.ROOT);
        TableCorpusReader reader = file.endsWith(".jsonl") || file.endsWith(".ndjson") ? TextDatasets.jsonLines(data)
                : file.endsWith(".tsv") ? TextDatasets.tsv(data) : TextDatasets.csv(data);
        return reader.text(options.text.split(",")).label(options.label).onBadRow(badRows()).read();
    }

    private BadRowPolicy badRows() {
        return options.skipBadRows ? BadRowPolicy.SKIP : BadRowPolicy.FAIL;
    }

    /** The vectorizer: tf-idf of 1- and 2-grams for bow, the first word ids for lstm. */
    private TextVectorization vectorizer() {
        TextVectorization.Builder builder = TextVectorization.builder().optMaxTokens(MAX_TOKENS)
                .optStandardize(Standardization.UNICODE_LOWER_AND_STRIP_PUNCTUATION)
                .optSplit(org.neurite.text.Split.UNICODE_WHITESPACE);
        return options.model == Network.BOW
                ? builder.optOutputMode(OutputMode.TF_IDF).optNgrams(2).optPadToMaxTokens(true).build()
                : builder.optOutputSequenceLength(SEQUENCE_LENGTH).build();
    }

    @Override
    public RecipeData data() {
        TextCorpus train = parts().train();
        TextCorpus test = parts().test();
        TextVectorization vectorizer = vectorizer();
        vectorizer.adapt(train.texts());
        if (options.model == Network.BOW) {
            return RecipeData.sparse(vectorizer.transformSparse(train.texts()), train.labelTensor(),
                    vectorizer.transformSparse(test.texts()), test.labelTensor(), vectorizer.state());
        }
        Tensor trainX = vectorizer.transform(train.texts());
        return new RecipeData(trainX, train.labelTensor(), vectorizer.transform(test.texts()), test.labelTensor(),
                vectorizer.state());
    }

    /** The class names in id order, as JSON ({@code {"classes":["billing","bug"]}}), so predictions can be named. */
    @Override
    public Map<String, String> modelMetadata() {
        try {
            return Map.of("label_mapping", JSON.writeValueAsString(parts().train().classes().toJson()));
        } catch (IOException e) {
            throw new IllegalStateException("class names could not be written as JSON", e);
        }
    }

    @Override
    public Optional<DuplicateReport> duplicates() {
        return Optional.of(DuplicateCheck.between(parts().train().texts(), parts().test().texts(),
                DuplicateCheck.Options.defaults()));
    }

    @Override
    public Optional<LabelledTexts> testTexts() {
        return Optional.of(new LabelledTexts(parts().test().texts(), parts().test().labelTensor()));
    }

    @Override
    public Model model(long seed) {
        return model(seed, vectorizer());
    }

    @Override
    public Model model(long seed, RecipeData data) {
        return model(seed, TextVectorization.fromState(data.vectorizer()));
    }

    /**
     * The number of classes of the corpus; two before a corpus is given ({@code neurite summary
     * text-classifier} shows the binary network).
     */
    private int classCount() {
        return options.data == null ? 2 : parts().train().classes().size();
    }

    private Model model(long seed, TextVectorization vectorizer) {
        int classes = classCount();
        Dense output = classes == 2 ? new Dense(1, "sigmoid") : new Dense(classes, "softmax");
        if (options.model == Network.BOW) {
            return Sequential.of(Input.ofStrings(), vectorizer, new Dense(32, "relu"), new Dropout(0.5f), output)
                    .seed(seed);
        }
        return Sequential.of(Input.ofStrings(), vectorizer,
                Embedding.builder().setInputDim(MAX_TOKENS).setOutputDim(EMBEDDING_DIM).optMaskZero(true).build(),
                new LSTM(options.units), new Dropout(0.5f), output).seed(seed);
    }

    @Override
    public void compile(Model model) {
        if (classCount() == 2) {
            model.compile("adam", "binary_crossentropy", "accuracy", "precision", "recall");
        } else {
            model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        }
    }

    @Override
    public void configureFit(FitOptions.Builder fit) {
        fit.callbacks(new EarlyStopping("val_accuracy", PATIENCE).optRestoreBestWeights(true));
        if (options.model == Network.LSTM) {
            fit.bucketBySequenceLength(SequencePadding.POST);
        }
    }

    @Override
    public boolean reportsConfusionMatrix() {
        return true;
    }

    @Override
    public int defaultEpochs() {
        return options.model == Network.BOW ? 6 : 10;
    }

    @Override
    public int defaultBatchSize() {
        return options.model == Network.BOW ? 128 : 64;
    }

    /** The networks {@code --model} offers. */
    enum Network { BOW, LSTM }

    /** The recipe's own command-line options. */
    static final class Options {
        @Option(names = "--data", description = "The corpus: a .csv, .tsv or .jsonl file, or a folder of class folders")
        Path data;

        @Option(names = "--text", description = "The text column; several joined, separated by commas (a,b)")
        String text;

        @Option(names = "--label", description = "The class column")
        String label;

        @Option(names = "--model", description = "bow or lstm (default: bow)", converter = NetworkConverter.class)
        Network model = Network.BOW;

        @Option(names = "--test-split", description = "Share of each class held out for testing (default: 0.2)")
        double testSplit = 0.2;

        @Option(names = "--skip-bad-rows", description = "Skip rows with a wrong number of fields or an empty text"
                + " (default: stop at the first, naming its line)")
        boolean skipBadRows;

        @Option(names = "--units", converter = Arguments.Count.class, description = "Units of the LSTM (default: 32)")
        int units = 32;
    }

    /** {@code bow} or {@code lstm}, in any case. */
    static final class NetworkConverter implements CommandLine.ITypeConverter<Network> {
        @Override
        public Network convert(String value) {
            try {
                return Network.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("expected bow or lstm, got '" + value + "'");
            }
        }
    }
}
