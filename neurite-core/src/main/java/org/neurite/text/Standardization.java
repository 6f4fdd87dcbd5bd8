package org.neurite.text;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The built-in text standardizations of {@code TextVectorization(standardize=...)}: Keras' four,
 * which give exactly Keras' results, and Neurite's three Unicode-aware ones under their own names.
 *
 * <h2>Keras' (the names Keras takes)</h2>
 * As Keras 3 does it with {@code tf.strings.lower} and {@code tf.strings.regex_replace}:
 * <ul>
 *   <li>lower-casing changes only the ASCII letters {@code A-Z} ({@code "CAFÉ"} becomes
 *       {@code "cafÉ"}; Greek and Cyrillic capitals stay);</li>
 *   <li>stripping removes only the 32 ASCII punctuation characters
 *       {@code !"#$%&'()*+,-./:;<=>?@[\]^_`{|}~} (Keras' {@code DEFAULT_STRIP_REGEX}); curly quotes,
 *       guillemets, dashes and ellipses stay;</li>
 *   <li>no Unicode normalisation, and an HTML line break {@code <br />} becomes the word {@code br}
 *       once {@code <}, {@code /} and {@code >} are stripped.</li>
 * </ul>
 *
 * <h2>Neurite's (names starting with {@code unicode_})</h2>
 * <ul>
 *   <li>the text is first brought to Unicode normalisation form NFKC, so that full-width letters,
 *       ligatures and composed/decomposed accents become one spelling;</li>
 *   <li>lower-casing is {@link String#toLowerCase(java.util.Locale)} with
 *       {@link java.util.Locale#ROOT} (every script, Greek final sigma included, no Turkish
 *       dotless-i surprises);</li>
 *   <li>punctuation is the Unicode punctuation classes (Pc, Pd, Ps, Pe, Pi, Pf, Po) plus the ASCII
 *       symbols Keras strips ({@code $+<=>^`|~}); letters and marks of every script, digits, and
 *       other symbols such as emoji and currency signs stay;</li>
 *   <li>{@link #UNICODE_LOWER_AND_STRIP_PUNCTUATION} also turns HTML line breaks ({@code <br />},
 *       {@code <br/>}, {@code <BR>}) into spaces, as movie reviews are full of them.</li>
 * </ul>
 * NFKC turns most Unicode spaces (no-break, ideographic, the typographic ones) into plain spaces;
 * pair a Unicode standardization with {@link Split#UNICODE_WHITESPACE} to split on the rest too
 * (line and paragraph separators, U+0085, U+1680).
 *
 * <p>Every standardization is idempotent: applying it twice gives the same text as once.
 *
 * <pre>{@code
 * Standardization.LOWER_AND_STRIP_PUNCTUATION.apply("Great FILM!<br />ΑΘΗΝΑ «é»");          // "great filmbr ΑΘΗΝΑ «é»"
 * Standardization.UNICODE_LOWER_AND_STRIP_PUNCTUATION.apply("Great FILM!<br />ΑΘΗΝΑ «é»");  // "great film αθηνα é"
 * }</pre>
 */
public enum Standardization implements UnaryOperator<String> {
    /** Keras' default {@code "lower_and_strip_punctuation"}: ASCII lower-casing, ASCII punctuation stripped. */
    LOWER_AND_STRIP_PUNCTUATION("lower_and_strip_punctuation", false, true, true),
    /** Keras' {@code "lower"}: the ASCII letters lower-cased. */
    LOWER("lower", false, true, false),
    /** Keras' {@code "strip_punctuation"}: the 32 ASCII punctuation characters removed. */
    STRIP_PUNCTUATION("strip_punctuation", false, false, true),
    /** Keras' {@code None}: the text is used as it is. */
    NONE(null, false, false, false),
    /** Neurite's {@code "unicode_lower_and_strip_punctuation"}: NFKC, every script lower-cased, Unicode punctuation and HTML line breaks gone. */
    UNICODE_LOWER_AND_STRIP_PUNCTUATION("unicode_lower_and_strip_punctuation", true, true, true),
    /** Neurite's {@code "unicode_lower"}: NFKC and every script lower-cased. */
    UNICODE_LOWER("unicode_lower", true, true, false),
    /** Neurite's {@code "unicode_strip_punctuation"}: NFKC and Unicode punctuation removed. */
    UNICODE_STRIP_PUNCTUATION("unicode_strip_punctuation", true, false, true);

    private final String configName;
    private final boolean unicode;
    private final boolean lower;
    private final boolean strip;

    Standardization(String configName, boolean unicode, boolean lower, boolean strip) {
        this.configName = configName;
        this.unicode = unicode;
        this.lower = lower;
        this.strip = strip;
    }

    /**
     * The value of the {@code standardize} option in a layer's config: Keras' name for Keras' four
     * ({@code null} for {@link #NONE}), Neurite's {@code unicode_...} name for the others.
     */
    public String configName() {
        return configName;
    }

    /** Whether this is one of Neurite's Unicode-aware standardizations rather than one of Keras'. */
    public boolean isUnicode() {
        return unicode;
    }

    /** The constant whose {@link #configName()} is {@code name} ({@code null} gives {@link #NONE}). */
    public static Standardization fromConfigName(String name) {
        for (Standardization s : values()) {
            if (Objects.equals(s.configName, name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("standardize must be one of lower_and_strip_punctuation, lower, "
                + "strip_punctuation, null (Keras'), unicode_lower_and_strip_punctuation, unicode_lower or "
                + "unicode_strip_punctuation (Neurite's); got '" + name + "'");
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

    /** {@link #apply} into a reusable buffer: Keras' standardizations and ASCII text make no String at all. */
    void applyInto(String text, CharScratch out) {
        if (this == NONE) {
            out.set(text);
        } else if (unicode) {
            UnicodeStandardizer.standardize(text, lower, strip, this == UNICODE_LOWER_AND_STRIP_PUNCTUATION, out);
        } else {
            kerasStandardize(text, lower, strip, out);
        }
    }

    /**
     * Keras' {@code tf.strings.lower} (ASCII letters only: it works on bytes, and no byte of a
     * multi-byte UTF-8 character is ASCII) and its regex over the ASCII punctuation, in one pass.
     */
    private static void kerasStandardize(String text, boolean lower, boolean strip, CharScratch out) {
        char[] chars = out.reserve(text.length());
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(strip && isAsciiPunctuation(c))) {
                chars[n++] = lower && c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
            }
        }
        out.length = n;
    }

    /** One of the 32 characters of Keras' {@code DEFAULT_STRIP_REGEX}, Python's {@code string.punctuation}. */
    static boolean isAsciiPunctuation(int c) {
        return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~';
    }
}
