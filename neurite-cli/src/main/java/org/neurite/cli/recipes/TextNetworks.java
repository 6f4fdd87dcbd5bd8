package org.neurite.cli.recipes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.neurite.models.Model;
import org.neurite.models.Sequential;
import org.neurite.nn.Activation;
import org.neurite.nn.Initializer;
import org.neurite.nn.Input;
import org.neurite.nn.Layer;
import org.neurite.nn.layers.Bidirectional;
import org.neurite.nn.layers.Conv1D;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Dropout;
import org.neurite.nn.layers.Embedding;
import org.neurite.nn.layers.GlobalAveragePooling1D;
import org.neurite.nn.layers.GlobalMaxPooling1D;
import org.neurite.nn.layers.LSTM;
import org.neurite.nn.layers.TokenAndPositionEmbedding;
import org.neurite.nn.layers.TransformerEncoder;
import org.neurite.text.OutputMode;
import org.neurite.text.Standardization;
import org.neurite.text.TextVectorization;
import picocli.CommandLine;

/**
 * The networks {@code train text-classifier --model} offers, each reading raw texts through its
 * vectorizer and ending in Dense(1, sigmoid) for two classes or Dense(classes, softmax) for more:
 *
 * <ul>
 *   <li>{@code bow}: tf-idf of words and word pairs ({@value #MAX_TOKENS} entries) → Dense(units, relu)
 *       → Dropout(0.5), as {@code imdb-bow} (units 32) and {@code spam} (units 64).</li>
 *   <li>{@code cnn}: the first {@value #SEQUENCE_LENGTH} word ids → Embedding(128) →
 *       Conv1D(units, 5, relu) → GlobalMaxPooling1D → Dropout(0.5), Keras' "1D convnet" for text.</li>
 *   <li>{@code lstm}: word ids → Embedding(128, mask_zero) → LSTM(units, dropout 0.2) → Dropout(0.5),
 *       as {@code imdb-lstm}.</li>
 *   <li>{@code bilstm}: the same with Bidirectional(LSTM(units, dropout 0.2)), as {@code imdb-bilstm}.</li>
 *   <li>{@code transformer}: the first {@value #TRANSFORMER_LENGTH} word ids →
 *       TokenAndPositionEmbedding(64, mask_zero) → TransformerEncoder(128, 2 heads) →
 *       GlobalAveragePooling1D (masked) → Dropout(0.5), as keras.io's transformer text classifier.</li>
 * </ul>
 *
 * <pre>{@code
 * TextNetworks cnn = new TextNetworks(TextNetworks.Kind.CNN, 32);
 * TextVectorization v = cnn.vectorizer();
 * v.adapt(texts);
 * Model model = cnn.model(42, v, 5);   // five classes: Dense(5, softmax)
 * }</pre>
 */
public final class TextNetworks {
    static final int MAX_TOKENS = 20_000;
    static final int SEQUENCE_LENGTH = 400;
    /** Attention costs time², so the transformer reads fewer tokens than the recurrent networks. */
    static final int TRANSFORMER_LENGTH = 200;
    private static final int EMBEDDING_DIM = 128;
    private static final int TRANSFORMER_DIM = 64;
    private static final int KERNEL_SIZE = 5;
    /**
     * The LSTMs' dropout on their inputs, as the {@code imdb-lstm} recipe: with it and a decaying
     * learning rate that recipe's test accuracy rose from 86.1% to 88.5% (docs/guide/23).
     */
    private static final float LSTM_INPUT_DROPOUT = 0.2f;

    /** The networks by their {@code --model} names. */
    public enum Kind {
        BOW, CNN, LSTM, BILSTM, TRANSFORMER;

        /** Whether batches are cut to their longest text (exact for masked and max-pooled networks). */
        boolean bucketed() {
            return this == CNN || this == LSTM || this == BILSTM;
        }

        /** The name on the command line. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Kind kind;
    private final int units;

    /**
     * @param kind the network
     * @param units the LSTM's units, the CNN's filters or the bag of words' hidden units
     */
    public TextNetworks(Kind kind, int units) {
        this.kind = kind;
        this.units = units;
    }

    /** The vectorizer: tf-idf of 1- and 2-grams for bow, the first word ids for the others. */
    public TextVectorization vectorizer() {
        TextVectorization.Builder builder = TextVectorization.builder().optMaxTokens(MAX_TOKENS)
                .optStandardize(Standardization.UNICODE_LOWER_AND_STRIP_PUNCTUATION)
                .optSplit(org.neurite.text.Split.UNICODE_WHITESPACE);
        return switch (kind) {
            case BOW -> builder.optOutputMode(OutputMode.TF_IDF).optNgrams(2).optPadToMaxTokens(true).build();
            case TRANSFORMER -> builder.optOutputSequenceLength(TRANSFORMER_LENGTH).build();
            default -> builder.optOutputSequenceLength(SEQUENCE_LENGTH).build();
        };
    }

    /** The model on {@code vectorizer} for {@code classes} classes, its weights drawn from {@code seed}. */
    public Model model(long seed, TextVectorization vectorizer, int classes) {
        Dense output = classes == 2 ? new Dense(1, "sigmoid") : new Dense(classes, "softmax");
        Layer[] body = switch (kind) {
            case BOW -> new Layer[] {new Dense(units, "relu")};
            case CNN -> new Layer[] {
                Embedding.builder().setInputDim(MAX_TOKENS).setOutputDim(EMBEDDING_DIM).build(),
                new Conv1D(units, KERNEL_SIZE, Activation.RELU), new GlobalMaxPooling1D()};
            case LSTM -> new Layer[] {maskedEmbedding(), lstm()};
            case BILSTM -> new Layer[] {maskedEmbedding(), new Bidirectional(lstm())};
            case TRANSFORMER -> new Layer[] {
                new TokenAndPositionEmbedding(null, MAX_TOKENS, TRANSFORMER_LENGTH, TRANSFORMER_DIM,
                        Initializer.randomUniform(), true),
                new TransformerEncoder(2 * TRANSFORMER_DIM, 2), new GlobalAveragePooling1D()};
        };
        List<Layer> layers = new ArrayList<>();
        layers.add(vectorizer);
        layers.addAll(List.of(body));
        layers.add(new Dropout(0.5f));
        layers.add(output);
        return Sequential.of(Input.ofStrings(), layers.toArray(new Layer[0])).seed(seed);
    }

    /** The network's layers between the vectorizer and the output, in words, for the model card. */
    static String describe(Kind kind, int units) {
        return switch (kind) {
            case BOW -> "tf-idf of words and word pairs, " + MAX_TOKENS + " entries -> Dense(" + units
                    + ", relu) -> Dropout(0.5)";
            case CNN -> "first " + SEQUENCE_LENGTH + " word ids -> Embedding(" + EMBEDDING_DIM + ") -> Conv1D(" + units
                    + ", " + KERNEL_SIZE + ", relu) -> GlobalMaxPooling1D -> Dropout(0.5)";
            case LSTM -> "first " + SEQUENCE_LENGTH + " word ids -> Embedding(" + EMBEDDING_DIM + ", mask_zero) -> LSTM("
                    + units + ", dropout 0.2) -> Dropout(0.5)";
            case BILSTM -> "first " + SEQUENCE_LENGTH + " word ids -> Embedding(" + EMBEDDING_DIM
                    + ", mask_zero) -> Bidirectional(LSTM(" + units + ", dropout 0.2)) -> Dropout(0.5)";
            case TRANSFORMER -> "first " + TRANSFORMER_LENGTH + " word ids -> TokenAndPositionEmbedding(" + TRANSFORMER_DIM
                    + ", mask_zero) -> TransformerEncoder(" + 2 * TRANSFORMER_DIM
                    + ", 2 heads) -> GlobalAveragePooling1D -> Dropout(0.5)";
        };
    }

    private LSTM lstm() {
        return LSTM.builder().setUnits(units).optDropout(LSTM_INPUT_DROPOUT).build();
    }

    private static Embedding maskedEmbedding() {
        return Embedding.builder().setInputDim(MAX_TOKENS).setOutputDim(EMBEDDING_DIM).optMaskZero(true).build();
    }

    /** {@code bow}, {@code cnn}, {@code lstm}, {@code bilstm} or {@code transformer}, in any case. */
    static final class KindConverter implements CommandLine.ITypeConverter<Kind> {
        @Override
        public Kind convert(String value) {
            try {
                return Kind.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("expected bow, cnn, lstm, bilstm or transformer, got '"
                        + value + "'");
            }
        }
    }
}
