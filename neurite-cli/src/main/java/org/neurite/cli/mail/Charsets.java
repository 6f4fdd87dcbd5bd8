package org.neurite.cli.mail;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the bytes of a MIME part in the charset it declares, and in a sensible one when it declares
 * none, a wrong one or one this JDK does not know: UTF-8 when the bytes are valid UTF-8, else
 * windows-1252 (the usual truth behind a missing or {@code us-ascii} label on 8-bit mail). Never
 * throws; malformed bytes become U+FFFD.
 */
final class Charsets {
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private Charsets() {
    }

    /** The text of {@code bytes} in {@code declared} (may be null or unknown), as described above. */
    static String decode(byte[] bytes, String declared) {
        Charset charset = known(declared);
        if (charset != null && !charset.equals(StandardCharsets.US_ASCII)) {
            return new String(bytes, charset);   // replaces malformed input
        }
        return fallback(bytes);
    }

    /** UTF-8 when {@code bytes} are valid UTF-8 (plain ASCII is), else windows-1252. */
    static String fallback(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(bytes, WINDOWS_1252);
        }
    }

    /** The charset of that name, or null when the name is missing, malformed or unknown here. */
    private static Charset known(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return Charset.forName(name.trim());
        } catch (IllegalArgumentException unknownOrMalformed) {   // IllegalCharsetName and UnsupportedCharset
            return null;
        }
    }
}
