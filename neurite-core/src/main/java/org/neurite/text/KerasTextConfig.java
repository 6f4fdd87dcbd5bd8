package org.neurite.text;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** A {@link TextVectorization}'s configuration to and from Keras' {@code get_config()} keys. */
final class KerasTextConfig {
    static final String CUSTOM = "custom";

    private KerasTextConfig() {
    }

    static Map<String, Object> of(TextVectorization layer) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("max_tokens", layer.maxTokens());
        config.put("standardize", layer.standardize() instanceof Standardization s ? s.configName() : CUSTOM);
        config.put("split", layer.split() instanceof Split s ? s.configName() : CUSTOM);
        config.put("ngrams", layer.ngramsArgument());
        config.put("output_mode", layer.outputMode().kerasName());
        config.put("output_sequence_length", layer.outputSequenceLength());
        config.put("pad_to_max_tokens", layer.padToMaxTokens());
        config.put("sparse", false);
        config.put("ragged", false);
        config.put("encoding", "utf-8");
        config.put("vocabulary_size", layer.vocabularySize());
        return Collections.unmodifiableMap(config);
    }

    /** A builder configured from {@code config}; the custom functions replace {@code "custom"} entries. */
    static TextVectorization.Builder builder(Map<String, Object> config, UnaryOperator<String> customStandardize,
                                             Function<String, List<String>> customSplit) {
        TextVectorization.Builder b = TextVectorization.builder();
        if (config.get("max_tokens") != null) {
            b.optMaxTokens(integer(config, "max_tokens"));
        }
        b.optStandardize(CUSTOM.equals(config.get("standardize"))
                ? required(customStandardize, "standardize")
                : Standardization.fromConfigName((String) config.get("standardize")));
        b.optSplit(CUSTOM.equals(config.get("split"))
                ? required(customSplit, "split")
                : Split.fromConfigName(String.valueOf(config.get("split"))));
        switch (config.get("ngrams")) {
            case null -> { }
            case Number n -> b.optNgrams(n.intValue());
            case List<?> widths -> b.optNgramWidths(widths.stream().mapToInt(w -> ((Number) w).intValue()).toArray());
            default -> throw new IllegalArgumentException("ngrams must be null, an integer or a list, got "
                    + config.get("ngrams"));
        }
        b.optOutputMode(OutputMode.fromKerasName(String.valueOf(config.get("output_mode"))));
        if (config.get("output_sequence_length") != null) {
            b.optOutputSequenceLength(integer(config, "output_sequence_length"));
        }
        b.optPadToMaxTokens(Boolean.TRUE.equals(config.get("pad_to_max_tokens")));
        return b;
    }

    /** A version-1 config with its names as they mean today (see {@link TextVectorizationState#upgradedFrom}). */
    static Map<String, Object> fromVersion1(Map<String, Object> config) {
        Map<String, Object> upgraded = new LinkedHashMap<>(config);
        if (config.get("standardize") instanceof String name) {
            upgraded.put("standardize", switch (name) {
                case "lower_and_strip_punctuation" -> Standardization.UNICODE_LOWER_AND_STRIP_PUNCTUATION.configName();
                case "lower" -> Standardization.UNICODE_LOWER.configName();
                case "strip_punctuation" -> Standardization.UNICODE_STRIP_PUNCTUATION.configName();
                default -> name;
            });
        }
        if ("whitespace".equals(config.get("split"))) {
            upgraded.put("split", Split.UNICODE_WHITESPACE.configName());
        }
        return upgraded;
    }

    private static int integer(Map<String, Object> config, String key) {
        if (config.get(key) instanceof Number n && n.doubleValue() == n.intValue()) {
            return n.intValue();
        }
        throw new IllegalArgumentException(key + " must be an integer, got " + config.get(key));
    }

    private static <T> T required(T custom, String key) {
        if (custom == null) {
            throw new IllegalArgumentException("the saved layer used a custom " + key + " function; pass it to fromState");
        }
        return custom;
    }
}
