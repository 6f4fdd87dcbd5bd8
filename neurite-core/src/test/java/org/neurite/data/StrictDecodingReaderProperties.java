package org.neurite.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/**
 * The strict decoder gives back exactly what was encoded, whatever the read sizes and wherever a
 * multi-byte character falls against its 16 KB buffer, and names the right line for bad bytes.
 */
class StrictDecodingReaderProperties {
    private static String readAll(Reader reader, int chunk) throws IOException {
        StringBuilder out = new StringBuilder();
        char[] buffer = new char[chunk];
        for (int n = reader.read(buffer, 0, chunk); n >= 0; n = reader.read(buffer, 0, chunk)) {
            out.append(buffer, 0, n);
        }
        return out.toString();
    }

    @Property(tries = 100)
    void validUtf8ReadsBackUnchangedAcrossBufferBoundaries(@ForAll @StringLength(max = 40_000) String text,
            @ForAll @IntRange(min = 1, max = 20_000) int chunk) throws IOException {
        String valid = text.codePoints().filter(Character::isValidCodePoint)
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);

        try (Reader reader = new StrictDecodingReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8, "t")) {
            assertEquals(valid, readAll(reader, chunk));
        }
    }

    @Property(tries = 100)
    void aBadByteAfterSomeLinesIsReportedOnTheLineAfterThem(@ForAll @IntRange(max = 5_000) int lines,
            @ForAll @IntRange(min = 1, max = 5_000) int chunk) {
        byte[] good = "é line\n".repeat(lines).getBytes(StandardCharsets.UTF_8);
        byte[] bytes = java.util.Arrays.copyOf(good, good.length + 2);
        bytes[good.length] = 'x';
        bytes[good.length + 1] = (byte) 0xC3;   // a lead byte with nothing after it

        String message = assertThrows(DatasetException.class, () -> {
            try (Reader reader = new StrictDecodingReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8, "t")) {
                readAll(reader, chunk);
            }
        }).getMessage();

        assertTrue(message.startsWith("t: line " + (lines + 1) + ": bytes that are not valid UTF-8"), message);
    }
}
