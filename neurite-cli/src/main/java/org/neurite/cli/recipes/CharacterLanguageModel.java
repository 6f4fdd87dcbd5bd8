package org.neurite.cli.recipes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neurite.cli.Arguments;
import org.neurite.data.MobyDick;
import org.neurite.models.Model;
import org.neurite.models.Sequential;
import org.neurite.nn.Input;
import org.neurite.nn.Layer;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Embedding;
import org.neurite.nn.layers.LSTM;
import org.neurite.nn.layers.LayerNormalization;
import org.neurite.nn.layers.TokenAndPositionEmbedding;
import org.neurite.nn.layers.TransformerDecoder;
import org.neurite.text.Split;
import org.neurite.text.Standardization;
import org.neurite.text.TextVectorization;
import org.neurite.train.Adam;
import org.neurite.train.CosineDecay;
import org.neurite.train.Losses;
import picocli.CommandLine.Option;

/**
 * Character-level language models of <i>Moby Dick</i> ({@link MobyDick}), the course's text
 * generation: the network reads {@value #CONTEXT} characters and predicts, at every position, the
 * next one. {@code neurite generate} then writes new text a character at a time.
 *
 * <ul>
 *   <li>{@code char-lstm}: Embedding(V, 64) → LSTM(256, return_sequences) → Dense(V) logits.</li>
 *   <li>{@code gpt}: a miniature decoder-only transformer, TokenAndPositionEmbedding(V,
 *       {@value #CONTEXT}, 96) → 4 × TransformerDecoder (causal self-attention, 4 heads,
 *       feed-forward 384, normalisation first) → LayerNormalization → Dense(V) logits.</li>
 * </ul>
 * {@code --units}, {@code --dim} and {@code --layers} change the sizes.
 *
 * <p>Split: the first 90% of the characters train (Keras' {@code validation_split} holds out the
 * last tenth of their windows for validation), the last 10% test. The text is cut into
 * non-overlapping windows of {@value #CONTEXT} characters ({@link TokenWindows}); both report
 * {@code test_bits_per_char=}, the mean cross-entropy in bits of the test text's characters, each
 * predicted from the characters before it in its window. The vocabulary is every character of the
 * training text (a {@link TextVectorization} with {@code split="character"} and no
 * standardization), saved in the model file; a test character the training text lacks is
 * {@code [UNK]}. {@code --text FILE} trains on a UTF-8 file of one's own instead.
 *
 * <pre>{@code
 * Recipe lstm = CharacterLanguageModel.lstm();
 * RecipeData data = lstm.data();            // (windows, 128) ids and their successors
 * Model model = lstm.model(42, data);       // its vectorizer holds the characters
 * }</pre>
 */
public final class CharacterLanguageModel implements Recipe {
    /** Characters the models read at once: the LSTM's training length, the transformer's positions. */
    static final int CONTEXT = 128;
    /** The metadata that tells {@code neurite generate} a file holds a character language model. */
    public static final String KIND = "characters";
    private static final float TEST_SHARE = 0.1f;
    private static final int EMBEDDING_DIM = 64;
    private static final int HEADS = 4;
    /** Epochs that fit the course's budget of 20 minutes on 2 cores (measured: see the guide's chapter 18). */
    private static final int LSTM_EPOCHS = 8;
    private static final int GPT_EPOCHS = 4;
    private static final long WARMUP_STEPS = 200;
    /** Windows evaluated at a time: the transformer's attention scores are (batch, heads, 128, 128). */
    private static final int EVALUATION_BATCH = 64;

    /** The two networks. */
    private enum Kind { LSTM, GPT }

    private final Kind kind;
    private final Options options;

    private CharacterLanguageModel(Kind kind, Options options) {
        this.kind = kind;
        this.options = options;
    }

    /** {@code char-lstm}. */
    public static CharacterLanguageModel lstm() {
        return new CharacterLanguageModel(Kind.LSTM, new Options());
    }

    /** {@code gpt}. */
    public static CharacterLanguageModel gpt() {
        return new CharacterLanguageModel(Kind.GPT, new Options());
    }

    @Override
    public String name() {
        return kind == Kind.LSTM ? "char-lstm" : "gpt";
    }

    @Override
    public String description() {
        return kind == Kind.LSTM ? "Moby Dick, character-level LSTM language model (--text FILE, --max-chars N)"
                : "Moby Dick, miniature decoder-only transformer (GPT) on characters (--text FILE, --max-chars N)";
    }

    @Override
    public Recipe configured(List<String> args) {
        Options parsed = RecipeOptions.parse(name(), new Options(), args);
        return new CharacterLanguageModel(kind, parsed);
    }

    @Override
    public RecipeData data() {
        String text = options.text == null ? MobyDick.text() : read(options.text);
        int testStart = text.offsetByCodePoints(0, (int) ((1 - TEST_SHARE) * text.codePointCount(0, text.length())));
        String train = text.substring(0, testStart);
        if (options.maxChars < train.codePointCount(0, train.length())) {
            train = train.substring(0, train.offsetByCodePoints(0, options.maxChars));
        }
        TextVectorization vectorizer = vectorizer();
        vectorizer.adapt(List.of(train));
        TokenWindows trainWindows = TokenWindows.of(encode(vectorizer.getVocabulary(), train), CONTEXT);
        TokenWindows testWindows = TokenWindows.of(encode(vectorizer.getVocabulary(), text.substring(testStart)), CONTEXT);
        return new RecipeData(trainWindows.x(), trainWindows.y(), testWindows.x(), testWindows.y(), vectorizer.state());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One token per character, kept as written: case, spaces, line breaks and punctuation all matter to a writer. */
    static TextVectorization vectorizer() {
        return TextVectorization.builder().optStandardize(Standardization.NONE).optSplit(Split.CHARACTER).build();
    }

    /** The ids of {@code text}'s characters in {@code vocabulary}; a character not in it is {@code [UNK]} (1). */
    public static int[] encode(List<String> vocabulary, String text) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (int i = 0; i < vocabulary.size(); i++) {
            ids.putIfAbsent(vocabulary.get(i), i);
        }
        return text.codePoints().map(c -> ids.getOrDefault(Character.toString(c), 1)).toArray();
    }

    @Override
    public Model model(long seed) {
        TextVectorization vectorizer = vectorizer();
        vectorizer.setVocabulary(List.of("a"));
        return model(seed, vectorizer);
    }

    @Override
    public Model model(long seed, RecipeData data) {
        return model(seed, TextVectorization.fromState(data.vectorizer()));
    }

    private Model model(long seed, TextVectorization vectorizer) {
        int vocabulary = vectorizer.vocabularySize();
        List<Layer> layers = new ArrayList<>(List.of(vectorizer));
        if (kind == Kind.LSTM) {
            layers.add(new Embedding(vocabulary, EMBEDDING_DIM));
            layers.add(LSTM.builder().setUnits(options.units).optReturnSequences(true).build());
        } else {
            layers.add(new TokenAndPositionEmbedding(vocabulary, CONTEXT, options.dim));
            for (int i = 0; i < options.layers; i++) {
                layers.add(TransformerDecoder.builder().setIntermediateDim(4 * options.dim).setNumHeads(HEADS)
                        .optNormalizeFirst(true).build());
            }
            layers.add(new LayerNormalization());
        }
        layers.add(new Dense(vocabulary));
        return Sequential.of(Input.ofStrings(), layers.toArray(new Layer[0])).seed(seed);
    }

    @Override
    public void compile(Model model) {
        compileForTraining(model, 1);
    }

    /**
     * Adam with a cosine-decayed learning rate (the transformer's after a linear warmup) and
     * gradients clipped to a global norm of 1.
     */
    @Override
    public void compileForTraining(Model model, long totalSteps) {
        float rate = kind == Kind.LSTM ? 3e-3f : 2e-3f;
        long warmup = kind == Kind.LSTM ? 0 : Math.min(WARMUP_STEPS, totalSteps / 10);   // attention needs a gentle start
        Adam adam = new Adam(rate);
        adam.optSchedule(warmup == 0 ? new CosineDecay(rate, Math.max(1, totalSteps), 0.1f)
                : CosineDecay.withWarmup(0f, totalSteps - warmup, 0.1f, rate, warmup));
        adam.optGlobalClipNorm(1f);
        model.compile(adam, Losses.sparseCategoricalCrossentropy(true));
    }

    @Override
    public int defaultEpochs() {
        return kind == Kind.LSTM ? LSTM_EPOCHS : GPT_EPOCHS;
    }

    @Override
    public int defaultBatchSize() {
        return 32;
    }

    @Override
    public int evaluationBatchSize() {
        return EVALUATION_BATCH;
    }

    @Override
    public Map<String, String> modelMetadata() {
        return Map.of("language_model", KIND, "context_length", Integer.toString(CONTEXT));
    }

    /** {@code test_bits_per_char=}: see {@link LanguageModelScores}. */
    @Override
    public Map<String, Double> extraResults(Model model, RecipeData data) {
        LanguageModelScores scores = LanguageModelScores.of(model, new TokenWindows(data.testX(), data.testY()), 0,
                id -> false);
        return Map.of("test_bits_per_char", scores.bitsPerToken());
    }

    static final class Options {
        @Option(names = "--text", converter = Arguments.InputFile.class,
                description = "Train on this UTF-8 text instead of Moby Dick (the last 10% is the test text)")
        Path text;

        @Option(names = "--max-chars", converter = Arguments.Count.class,
                description = "Train on only the first N characters of the training text (default: all)")
        int maxChars = Integer.MAX_VALUE;

        @Option(names = "--units", converter = Arguments.Count.class, description = "Units of the LSTM (default: 256)")
        int units = 256;

        @Option(names = "--dim", converter = Arguments.Count.class,
                description = "Width of the transformer, a multiple of 4 (default: 96)")
        int dim = 96;

        @Option(names = "--layers", converter = Arguments.Count.class,
                description = "Transformer decoder blocks (default: 4)")
        int layers = 4;
    }
}
