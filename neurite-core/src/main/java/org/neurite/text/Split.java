package org.neurite.text;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The built-in ways of Keras' {@code TextVectorization(split=...)} to cut a standardized text into
 * tokens.
 *
 * <pre>{@code
 * Split.WHITESPACE.apply("  the  cat\tsat ");   // [the, cat, sat]
 * Split.CHARACTER.apply("né😀");                // [n, é, 😀]
 * }</pre>
 */
public enum Split implements Function<String, List<String>> {
    /**
     * Keras' {@code "whitespace"}: runs of whitespace separate tokens, and leading or trailing
     * whitespace gives no empty token. Whitespace is Unicode's ({@link Character#isWhitespace} or
     * {@link Character#isSpaceChar}, so no-break and ideographic spaces count), where TensorFlow
     * knows only ASCII's; after the NFKC of the built-in standardizations the two agree.
     */
    WHITESPACE("whitespace"),
    /** Keras' {@code "character"}: one token per Unicode code point, spaces included. */
    CHARACTER("character");

    private final String kerasName;

    Split(String kerasName) {
        this.kerasName = kerasName;
    }

    /** The value of Keras' {@code split} argument. */
    public String kerasName() {
        return kerasName;
    }

    /** The constant whose {@link #kerasName()} is {@code name}. */
    public static Split fromKerasName(String name) {
        for (Split s : values()) {
            if (s.kerasName.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("split must be 'whitespace' or 'character'; got '" + name + "'");
    }

    @Override
    public List<String> apply(String text) {
        return this == WHITESPACE ? whitespace(text) : characters(text);
    }

    private static List<String> whitespace(String text) {
        List<String> tokens = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < text.length(); i++) {
            if (isWhitespace(text.charAt(i))) {
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

    /** Unicode whitespace; every whitespace character of the Basic Multilingual Plane is one char. */
    static boolean isWhitespace(char c) {
        if (c == ' ') {
            return true;
        }
        if (c < 0x80) {
            return c >= '\t' && c <= '\r' || c >= 0x1C && c <= 0x1F;
        }
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
