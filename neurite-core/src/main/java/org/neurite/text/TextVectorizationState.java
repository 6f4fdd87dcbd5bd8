package org.neurite.text;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that rebuilds a {@link TextVectorization}: what a model file stores beside the
 * weights.
 *
 * <p>{@code config} uses the keys and values of Keras' {@code TextVectorization.get_config()}:
 * {@code max_tokens} (Integer or null), {@code standardize} (String or null: a
 * {@link Standardization#configName()}, Keras' or Neurite's {@code unicode_...}; {@code "custom"}
 * for a function), {@code split} (String: a {@link Split#configName()}; {@code "custom"} for a
 * function), {@code ngrams} (null, an
 * Integer, or a List of Integers), {@code output_mode}, {@code output_sequence_length} (Integer or
 * null), {@code pad_to_max_tokens}, {@code sparse}, {@code ragged} (both false), {@code encoding}
 * ({@code "utf-8"}) and {@code vocabulary_size}. All values are JSON-friendly.
 *
 * <p>Keras' names mean Keras' behaviour since {@link #VERSION} 2; a state written before (version
 * 1, where Keras' names stood for Neurite's Unicode-aware standardization and split) is read
 * with {@link #upgradedFrom(int)}, which gives it its present names and so its old behaviour.
 *
 * <pre>{@code
 * TextVectorizationState saved = vectorizer.state();
 * TextVectorization restored = TextVectorization.fromState(saved);
 * }</pre>
 *
 * @param config the configuration, under Keras' keys
 * @param vocabulary every token in index order, special tokens first
 * @param idfWeights one weight per vocabulary entry in {@code tf_idf} mode, else {@code null}
 */
public record TextVectorizationState(Map<String, Object> config, List<String> vocabulary, float[] idfWeights) {
    /**
     * The version of the meaning of the config's names that {@link TextVectorization#state()}
     * writes: 1 until Keras' names meant Keras' behaviour, 2 since. Files store it beside the state.
     */
    public static final int VERSION = 2;

    public TextVectorizationState {
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
        vocabulary = List.copyOf(vocabulary);
        idfWeights = idfWeights == null ? null : idfWeights.clone();
    }

    /**
     * This state as written at {@code version}, with the names it means today. In version 1,
     * {@code standardize} {@code "lower_and_strip_punctuation"}, {@code "lower"} and
     * {@code "strip_punctuation"} meant what is now {@code "unicode_lower_and_strip_punctuation"},
     * {@code "unicode_lower"} and {@code "unicode_strip_punctuation"}, and {@code split}
     * {@code "whitespace"} meant {@code "unicode_whitespace"}.
     *
     * <pre>{@code
     * TextVectorization old = TextVectorization.fromState(stateFromAnOldFile.upgradedFrom(1));
     * }</pre>
     *
     * @throws IllegalArgumentException for a version this code does not know
     */
    public TextVectorizationState upgradedFrom(int version) {
        return switch (version) {
            case 1 -> new TextVectorizationState(KerasTextConfig.fromVersion1(config), vocabulary, idfWeights);
            case VERSION -> this;
            default -> throw new IllegalArgumentException("unknown text vectorization version " + version
                    + "; this Neurite reads versions 1 to " + VERSION);
        };
    }

    @Override
    public float[] idfWeights() {
        return idfWeights == null ? null : idfWeights.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TextVectorizationState s && config.equals(s.config) && vocabulary.equals(s.vocabulary)
                && Arrays.equals(idfWeights, s.idfWeights);
    }

    @Override
    public int hashCode() {
        return Objects.hash(config, vocabulary, Arrays.hashCode(idfWeights));
    }

    @Override
    public String toString() {
        return "TextVectorizationState[config=" + config + ", vocabulary=" + vocabulary.size() + " tokens, idfWeights="
                + (idfWeights == null ? "null" : idfWeights.length + " weights") + "]";
    }
}
