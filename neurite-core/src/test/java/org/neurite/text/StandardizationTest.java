package org.neurite.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The built-in standardizations: Keras' results on ASCII, and the Unicode handling Neurite adds. */
class StandardizationTest {
    private static final Standardization DEFAULT = Standardization.LOWER_AND_STRIP_PUNCTUATION;

    @Test
    void htmlLineBreaksBecomeSpaces() {
        assertEquals("great film  loved it", DEFAULT.apply("Great film!<br /><br />Loved it."));
        assertEquals("a b c d", DEFAULT.apply("a<BR>b<br/>c<br  / >d"));
        assertEquals("abr", DEFAULT.apply("a<br"));
        assertEquals("a<br />b", Standardization.LOWER.apply("A<br />B"));
    }

    @Test
    void asciiPunctuationIsStrippedAsKerasDoes() {
        assertEquals("hello world 5  3  8  x a b dont", DEFAULT.apply("Hello, World! $5 + 3 = 8 ^_^ `x` |a| ~b don't"));
        assertEquals("Hello World", Standardization.STRIP_PUNCTUATION.apply("Hello, World!"));
        assertEquals("hello, world!", Standardization.LOWER.apply("Hello, World!"));
        assertEquals("Hello, World!", Standardization.NONE.apply("Hello, World!"));
    }

    @Test
    void unicodePunctuationGoesLettersMarksAndEmojiStay() {
        assertEquals("i didnt like it at all", DEFAULT.apply("I didn\u2019t like it\u2026 \u201Cat all\u201D"));
        assertEquals("привет мир", DEFAULT.apply("Привет, МИР!"));
        assertEquals("नमस्ते दुनिया", DEFAULT.apply("नमस्ते दुनिया।"));
        assertEquals("日本語のテキスト", DEFAULT.apply("日本語の「テキスト」。"));
        assertEquals("loved it \uD83D\uDE00\uD83D\uDC4D\uD83C\uDFFD €5", DEFAULT.apply("Loved it \uD83D\uDE00\uD83D\uDC4D\uD83C\uDFFD! €5"));
    }

    @Test
    void nfkcAndRootLocaleLowerCasing() {
        assertEquals("abc 12", DEFAULT.apply("ＡＢＣ １２"));
        assertEquals("\u00e9", DEFAULT.apply("E\u0301"));                  // decomposed é composes
        assertEquals("\u03bf\u03b4\u03bf\u03c2", DEFAULT.apply("ΟΔΟΣ"));   // final sigma
        assertEquals("file", DEFAULT.apply("\uFB01le"));                    // the fi ligature
    }

    @Test
    void whitespaceSplitUsesUnicodeSpaces() {
        assertEquals(List.of("a", "b", "c", "d"), Split.WHITESPACE.apply(" a\u00A0b\u3000c\t\nd "));
        assertEquals(List.of(), Split.WHITESPACE.apply("   "));
    }
}
