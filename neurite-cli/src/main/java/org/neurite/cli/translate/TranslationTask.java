package org.neurite.cli.translate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a character-level translation model reads and writes, saved beside its weights in the
 * model file's metadata so that {@code neurite translate} needs nothing else: the source symbols
 * (characters, read lower-cased), the target symbols, how target symbols are joined into text
 * ({@code ""} for characters, {@code " "} for phonemes), the longest source and output, and a note
 * shown to users of the model ("the output is the model's guess").
 *
 * <pre>{@code
 * TranslationTask dates = new TranslationTask(SymbolTable.source(chars), SymbolTable.target(digits),
 *         "", 40, 10, "ISO dates, the model's guess");
 * Map<String, String> metadata = dates.toMetadata();
 * }</pre>
 *
 * @param maxSourceLength the longest source read; longer inputs are cut
 * @param maxOutputLength the most symbols written, before the end token
 */
public record TranslationTask(SymbolTable source, SymbolTable target, String separator, int maxSourceLength,
                              int maxOutputLength, String note) {
    private static final String PREFIX = "translate.";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The source symbols of {@code text}: its characters (code points), lower-cased, cut to the longest source. */
    public List<String> sourceSymbols(String text) {
        List<String> symbols = new ArrayList<>();
        text.toLowerCase(Locale.ROOT).codePoints().limit(maxSourceLength)
                .forEach(c -> symbols.add(Character.toString(c)));
        return symbols;
    }

    /** The target symbols of a reference translation: its characters, or its parts between separators. */
    public List<String> targetSymbols(String text) {
        if (separator.isEmpty()) {
            return text.codePoints().mapToObj(Character::toString).toList();
        }
        return text.isEmpty() ? List.of() : List.of(text.split(java.util.regex.Pattern.quote(separator)));
    }

    /** The text of target symbols. */
    public String join(List<String> symbols) {
        return String.join(separator, symbols);
    }

    /** The task as model-file metadata, keys starting {@code translate.}. */
    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        try {
            m.put(PREFIX + "source_symbols", JSON.writeValueAsString(source.symbols()));
            m.put(PREFIX + "target_symbols", JSON.writeValueAsString(target.symbols()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("symbols are strings", e);
        }
        m.put(PREFIX + "separator", separator);
        m.put(PREFIX + "max_source_length", Integer.toString(maxSourceLength));
        m.put(PREFIX + "max_output_length", Integer.toString(maxOutputLength));
        m.put(PREFIX + "note", note);
        return m;
    }

    /** Whether {@code metadata} describes a translation task. */
    public static boolean isIn(Map<String, String> metadata) {
        return metadata.containsKey(PREFIX + "source_symbols");
    }

    /**
     * The task saved in {@code metadata}.
     *
     * @throws IllegalArgumentException naming the key that is missing or malformed
     */
    public static TranslationTask fromMetadata(Map<String, String> metadata) {
        return new TranslationTask(SymbolTable.source(symbols(metadata, "source_symbols")),
                SymbolTable.target(symbols(metadata, "target_symbols")), value(metadata, "separator"),
                count(metadata, "max_source_length"), count(metadata, "max_output_length"), value(metadata, "note"));
    }

    private static List<String> symbols(Map<String, String> metadata, String key) {
        try {
            return JSON.readValue(value(metadata, key), new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("model metadata " + PREFIX + key + ": expected a JSON array of strings",
                    e);
        }
    }

    private static int count(Map<String, String> metadata, String key) {
        try {
            int n = Integer.parseInt(value(metadata, key));
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("model metadata " + PREFIX + key + ": expected a positive whole number, found '"
                + metadata.get(PREFIX + key) + "'");
    }

    private static String value(Map<String, String> metadata, String key) {
        String v = metadata.get(PREFIX + key);
        if (v == null) {
            throw new IllegalArgumentException("model metadata: " + PREFIX + key + " is missing");
        }
        return v;
    }
}
