package org.neurite.text;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The work of Neurite's Unicode-aware {@link Standardization}s ({@code unicode_...}): NFKC, lower
 * case for every script, Unicode punctuation and, optionally, HTML line breaks removed. ASCII text,
 * the common case, takes one pass over a reusable buffer; other text goes through the JDK's
 * {@link Normalizer}.
 */
final class UnicodeStandardizer {
    private UnicodeStandardizer() {
    }

    /** Standardizes {@code text} into {@code out}. */
    static void standardize(String text, boolean lower, boolean strip, boolean lineBreaks, CharScratch out) {
        if (isAscii(text)) {
            asciiStandardize(text, lineBreaks, lower, strip, out);
        } else {
            out.set(unicodeStandardize(lineBreaks ? replaceLineBreaks(text) : text, lower, strip));
        }
    }

    private static String unicodeStandardize(String text, boolean lower, boolean strip) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC);
        if (lower) {
            s = s.toLowerCase(Locale.ROOT);
        }
        if (strip) {
            s = stripPunctuation(s);
        }
        // Lower-casing or removing a character can leave a base letter next to a combining mark
        // (or a compatibility character); normalising again keeps the result idempotent.
        return Normalizer.normalize(s, Normalizer.Form.NFKC);
    }

    private static String replaceLineBreaks(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            int end = text.charAt(i) == '<' ? lineBreakEnd(text, i) : -1;
            if (end < 0) {
                out.append(text.charAt(i));
            } else {
                out.append(' ');
                i = end - 1;
            }
        }
        return out.toString();
    }

    /** Where the HTML line break at {@code i} ({@code <br}, spaces, an optional {@code /}, spaces, {@code >}) ends, or -1. */
    private static int lineBreakEnd(String text, int i) {
        if (!text.regionMatches(true, i, "<br", 0, 3)) {
            return -1;
        }
        int j = skipSpaces(text, i + 3);
        if (j < text.length() && text.charAt(j) == '/') {
            j = skipSpaces(text, j + 1);
        }
        return j < text.length() && text.charAt(j) == '>' ? j + 1 : -1;
    }

    private static int skipSpaces(String text, int i) {
        while (i < text.length() && " \t\n\u000B\f\r".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** ASCII text is already in NFKC; one pass lower-cases and strips it. */
    private static void asciiStandardize(String text, boolean lineBreaks, boolean lower, boolean strip, CharScratch out) {
        char[] chars = out.reserve(text.length());
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int end = lineBreaks && c == '<' ? lineBreakEnd(text, i) : -1;
            if (end >= 0) {
                chars[n++] = ' ';
                i = end - 1;
            } else if (!(strip && Standardization.isAsciiPunctuation(c))) {
                chars[n++] = lower && c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
            }
        }
        out.length = n;
    }

    private static String stripPunctuation(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (!isPunctuation(cp)) {
                out.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /** Unicode punctuation (general categories P*) and the ASCII characters Keras strips. */
    static boolean isPunctuation(int cp) {
        if (cp < 0x80) {
            return Standardization.isAsciiPunctuation(cp);
        }
        return switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                 Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }
}
