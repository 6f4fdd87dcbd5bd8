package org.neurite.text;

import java.nio.charset.StandardCharsets;

/**
 * Decoding of raw bytes into text for the vectorizers: malformed or truncated UTF-8 becomes the
 * replacement character U+FFFD instead of an error, so binary garbage gives odd tokens, never a
 * crash.
 *
 * <pre>{@code
 * String text = Utf8.decode(new byte[] {'o', 'k', (byte) 0xC3});   // "ok\uFFFD"
 * }</pre>
 */
public final class Utf8 {
    private Utf8() {
    }

    /** {@code bytes} as UTF-8, with every malformed sequence replaced by U+FFFD (the JDK's REPLACE action). */
    public static String decode(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
