package org.neurite.text;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The built-in ways of {@code TextVectorization(split=...)} to cut a standardized text into
 * tokens: Keras' two, with exactly Keras' results, and Neurite's Unicode-aware whitespace split.
 *
 * <pre>{@code
 * Split.WHITESPACE.apply("  the  cat\tsat ");          // [the, cat, sat]
 * Split.WHITESPACE.apply("a\u00A0b c");                 // [a\u00A0b, c]: no-break space is not ASCII
 * Split.UNICODE_WHITESPACE.apply("a\u00A0b c");         // [a, b, c]
 * Split.CHARACTER.apply("né😀");                       // [n, é, 😀]
 * }</pre>
 */
public enum Split implements Function<String, List<String>> {
    /**
     * Keras' {@code "whitespace"} ({@code tf.strings.split}): runs of the ASCII whitespace
     * characters space, tab, {@code \n}, {@code \u000B}, {@code \f} and {@code \r} separate tokens,
     * and leading or trailing whitespace gives no empty token. Other spaces (no-break,
     * ideographic, ...) are part of a token, as in TensorFlow.
     */
    WHITESPACE("whitespace"),
    /** Keras' {@code "character"} ({@code tf.strings.unicode_split}): one token per Unicode code point, spaces included. */
    CHARACTER("character"),
    /**
     * Neurite's {@code "unicode_whitespace"}: as {@link #WHITESPACE}, but every Unicode whitespace
     * character separates tokens ({@link Character#isWhitespace} or {@link Character#isSpaceChar}:
     * no-break, ideographic and typographic spaces, line and paragraph separators, and the ASCII
     * separators U+001C to U+001F that Python's {@code str.split} knows).
     */
    UNICODE_WHITESPACE("unicode_whitespace");

    private final String configName;

    Split(String configName) {
        this.configName = configName;
    }

    /** The value of the {@code split} option in a layer's config: Keras' name, or Neurite's for {@link #UNICODE_WHITESPACE}. */
    public String configName() {
        return configName;
    }

    /** The constant whose {@link #configName()} is {@code name}. */
    public static Split fromConfigName(String name) {
        for (Split s : values()) {
            if (s.configName.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("split must be 'whitespace', 'character' (Keras') or 'unicode_whitespace' "
                + "(Neurite's); got '" + name + "'");
    }

    @Override
    public List<String> apply(String text) {
        return this == CHARACTER ? characters(text) : whitespace(text);
    }

    private List<String> whitespace(String text) {
        List<String> tokens = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < text.length(); i++) {
            if (separates(text.charAt(i))) {
                if (start >= 0) {
                    tokens.add(text.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
        }
        if (start >= 0) {
            tokens.add(text.substring(start));
        }
        return tokens;
    }

    private static List<String> characters(String text) {
        List<String> tokens = new ArrayList<>(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            tokens.add(text.substring(i, next));
            i = next;
        }
        return tokens;
    }

    /** Whether {@code c} separates tokens in this whitespace split ({@link #CHARACTER} has no separators). */
    boolean separates(char c) {
        return switch (this) {
            case WHITESPACE -> isAsciiWhitespace(c);
            case UNICODE_WHITESPACE -> isUnicodeWhitespace(c);
            case CHARACTER -> false;
        };
    }

    /** TensorFlow's whitespace ({@code absl::ascii_isspace}): space, tab, newline, vertical tab, form feed, return. */
    static boolean isAsciiWhitespace(char c) {
        return c == ' ' || c >= '\t' && c <= '\r';
    }

    /** Unicode whitespace; every whitespace character of the Basic Multilingual Plane is one char. */
    static boolean isUnicodeWhitespace(char c) {
        if (c == ' ') {
            return true;
        }
        if (c < 0x80) {
            return c >= '\t' && c <= '\r' || c >= 0x1C && c <= 0x1F;
        }
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
