package org.neurite.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The built-in text standardizations of Keras' {@code TextVectorization(standardize=...)}, done
 * properly for Unicode.
 *
 * <p>Keras lower-cases ASCII only and strips the 32 ASCII punctuation characters
 * {@code !"#$%&'()*+,-./:;<=>?@[\]^_`{|}~}. Neurite gives the same result on ASCII text and goes
 * further on the rest:
 * <ul>
 *   <li>the text is first brought to Unicode normalisation form NFKC, so that full-width letters,
 *       ligatures and composed/decomposed accents become one spelling;</li>
 *   <li>lower-casing is {@link String#toLowerCase(Locale)} with {@link Locale#ROOT} (Greek final
 *       sigma included; no Turkish dotless-i surprises);</li>
 *   <li>punctuation is the Unicode punctuation classes (Pc, Pd, Ps, Pe, Pi, Pf, Po) plus the ASCII
 *       symbols Keras strips ({@code $+<=>^`|~}); letters and marks of every script, digits, and
 *       other symbols such as emoji and currency signs stay;</li>
 *   <li>{@link #LOWER_AND_STRIP_PUNCTUATION} also turns HTML line breaks ({@code <br />},
 *       {@code <br/>}, {@code <BR>}) into spaces, as movie reviews are full of them (a Neurite
 *       addition: Keras would leave the word {@code br}).</li>
 * </ul>
 * Every standardization is idempotent: applying it twice gives the same text as once.
 *
 * <pre>{@code
 * Standardization.LOWER_AND_STRIP_PUNCTUATION.apply("Great film!<br /><br />Loved it.");  // "great film  loved it"
 * Standardization.LOWER.apply("ＡＢＣ Straße");                                          // "abc straße"
 * }</pre>
 */
public enum Standardization implements UnaryOperator<String> {
    /** Keras' default {@code "lower_and_strip_punctuation"}. */
    LOWER_AND_STRIP_PUNCTUATION("lower_and_strip_punctuation"),
    /** Keras' {@code "lower"}. */
    LOWER("lower"),
    /** Keras' {@code "strip_punctuation"}. */
    STRIP_PUNCTUATION("strip_punctuation"),
    /** Keras' {@code None}: the text is used as it is. */
    NONE(null);

    private static final boolean[] ASCII_PUNCTUATION = asciiPunctuation();

    private final String kerasName;

    Standardization(String kerasName) {
        this.kerasName = kerasName;
    }

    /** The value of Keras' {@code standardize} argument, or {@code null} for {@link #NONE}. */
    public String kerasName() {
        return kerasName;
    }

    /** The constant whose {@link #kerasName()} is {@code name} ({@code null} gives {@link #NONE}). */
    public static Standardization fromKerasName(String name) {
        for (Standardization s : values()) {
            if (Objects.equals(s.kerasName, name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("standardize must be one of lower_and_strip_punctuation, lower, "
                + "strip_punctuation or null; got '" + name + "'");
    }

    @Override
    public String apply(String text) {
        if (this == NONE) {
            return text;
        }
        CharScratch out = new CharScratch();
        applyInto(text, out);
        return out.toString();
    }

    /** {@link #apply} into a reusable buffer: ASCII text, the common case, makes no String at all. */
    void applyInto(String text, CharScratch out) {
        boolean lower = this != STRIP_PUNCTUATION;
        boolean strip = this != LOWER;
        boolean lineBreaks = this == LOWER_AND_STRIP_PUNCTUATION;
        if (this == NONE) {
            out.set(text);
        } else if (isAscii(text)) {
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
            } else if (!(strip && ASCII_PUNCTUATION[c])) {
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
            return ASCII_PUNCTUATION[cp];
        }
        return switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                 Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    private static boolean[] asciiPunctuation() {
        boolean[] table = new boolean[0x80];
        for (char c : "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".toCharArray()) {
            table[c] = true;
        }
        return table;
    }
}
