package org.neurite.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The built-in standardizations and splits: Keras' exactly as Keras, and the Unicode handling of Neurite's own. */
class StandardizationTest {
    private static final Standardization KERAS = Standardization.LOWER_AND_STRIP_PUNCTUATION;
    private static final Standardization UNICODE = Standardization.UNICODE_LOWER_AND_STRIP_PUNCTUATION;

    @Test
    void kerasLowerCasesAsciiOnlyAndStripsAsciiPunctuationOnly() {
        assertEquals("cafÉ ΑΘΗΝΑ Москва «quoted» “smart” … dont", KERAS.apply("CAFÉ ΑΘΗΝΑ Москва «Quoted» “Smart” … don't"));
        assertEquals("ＡＢＣ e\u0301", KERAS.apply("ＡＢＣ E\u0301"));               // no NFKC: full width and decomposed stay
        assertEquals("hello world 5  3  8  x a b", KERAS.apply("Hello, World! $5 + 3 = 8 ^_^ `x` |a| ~b"));
    }

    @Test
    void kerasLeavesHtmlLineBreaksToBecomeTheWordBr() {
        assertEquals("great filmbr br loved it", KERAS.apply("Great film!<br /><br />Loved it."));
        assertEquals("a<br />b", Standardization.LOWER.apply("A<br />B"));
        assertEquals("Abr  B", Standardization.STRIP_PUNCTUATION.apply("A<br /> B"));
    }

    @Test
    void theTwoFamiliesDifferAsTheJavadocSays() {
        assertEquals("great filmbr ΑΘΗΝΑ «é»", KERAS.apply("Great FILM!<br />ΑΘΗΝΑ «é»"));
        assertEquals("great film αθηνα é", UNICODE.apply("Great FILM!<br />ΑΘΗΝΑ «é»"));
    }

    @Test
    void kerasVariantsDoOneStepEach() {
        assertEquals("Hello World", Standardization.STRIP_PUNCTUATION.apply("Hello, World!"));
        assertEquals("hello, world!", Standardization.LOWER.apply("Hello, World!"));
        assertEquals("Hello, World!", Standardization.NONE.apply("Hello, World!"));
    }

    @Test
    void unicodeHtmlLineBreaksBecomeSpaces() {
        assertEquals("great film  loved it", UNICODE.apply("Great film!<br /><br />Loved it."));
        assertEquals("a b c d", UNICODE.apply("a<BR>b<br/>c<br  / >d"));
        assertEquals("abr", UNICODE.apply("a<br"));
        assertEquals("a<br />b", Standardization.UNICODE_LOWER.apply("A<br />B"));
    }

    @Test
    void unicodePunctuationGoesLettersMarksAndEmojiStay() {
        assertEquals("i didnt like it at all", UNICODE.apply("I didn\u2019t like it\u2026 \u201Cat all\u201D"));
        assertEquals("привет мир", UNICODE.apply("Привет, МИР!"));
        assertEquals("नमस्ते दुनिया", UNICODE.apply("नमस्ते दुनिया।"));
        assertEquals("日本語のテキスト", UNICODE.apply("日本語の「テキスト」。"));
        assertEquals("loved it \uD83D\uDE00\uD83D\uDC4D\uD83C\uDFFD €5", UNICODE.apply("Loved it \uD83D\uDE00\uD83D\uDC4D\uD83C\uDFFD! €5"));
        assertEquals("Привет МИР", Standardization.UNICODE_STRIP_PUNCTUATION.apply("Привет, МИР!"));
    }

    @Test
    void unicodeAppliesNfkcAndRootLocaleLowerCasing() {
        assertEquals("abc 12", UNICODE.apply("ＡＢＣ １２"));
        assertEquals("\u00e9", UNICODE.apply("E\u0301"));                  // decomposed é composes
        assertEquals("\u03bf\u03b4\u03bf\u03c2", UNICODE.apply("ΟΔΟΣ"));   // final sigma
        assertEquals("file", UNICODE.apply("\uFB01le"));                    // the fi ligature
    }

    @Test
    void configNamesTellKerasFromNeurite() {
        for (Standardization s : Standardization.values()) {
            assertEquals(s, Standardization.fromConfigName(s.configName()));
            assertEquals(s.isUnicode(), s.configName() != null && s.configName().startsWith("unicode_"), s::name);
        }
        assertEquals(Standardization.NONE, Standardization.fromConfigName(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Standardization.fromConfigName("neurite"));
        assertTrue(e.getMessage().contains("unicode_lower_and_strip_punctuation") && e.getMessage().contains("'neurite'"));
    }

    @Test
    void kerasWhitespaceSplitKnowsAsciiWhitespaceOnly() {
        assertEquals(List.of("a\u00A0b\u3000c", "d", "e\u2028f"), Split.WHITESPACE.apply(" a\u00A0b\u3000c\t\nd\u000Be\u2028f "));
        assertEquals(List.of("a\u001Cb"), Split.WHITESPACE.apply("a\u001Cb"));
        assertEquals(List.of(), Split.WHITESPACE.apply(" \t\n\u000B\f\r"));
    }

    @Test
    void unicodeWhitespaceSplitUsesUnicodeSpaces() {
        assertEquals(List.of("a", "b", "c", "d", "e", "f"), Split.UNICODE_WHITESPACE.apply(" a\u00A0b\u3000c\t\nd\u2028e\u001Cf "));
        assertEquals(List.of(), Split.UNICODE_WHITESPACE.apply("   "));
        assertEquals(Split.UNICODE_WHITESPACE, Split.fromConfigName("unicode_whitespace"));
        assertThrows(IllegalArgumentException.class, () -> Split.fromConfigName("space"));
    }
}
