package org.neurite.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The lines of a UTF-8 text file or of standard input, one text per line, read in bounded memory.
 *
 * <p>Contract: lines end at {@code \n}, {@code \r\n} or {@code \r}, which are not part of the line;
 * a UTF-8 byte-order mark at the very start is dropped, so that it never becomes part of the first
 * word. Input that is not text is refused with a {@link NotTextException} naming the source and the
 * line: a NUL byte, a byte sequence that is not UTF-8, or a line longer than {@link #MAX_LINE_BYTES}.
 * Standard input that the caller closed is refused before reading (see {@link StandardInput}).
 *
 * <pre>{@code
 * try (TextLines lines = TextLines.open("-")) {
 *     for (String line = lines.next(); line != null; line = lines.next()) { ... }
 * }
 * }</pre>
 */
final class TextLines implements Closeable {
    /** The longest line accepted, so that a file without line breaks cannot exhaust the heap. */
    static final int MAX_LINE_BYTES = 64 << 20;
    private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final InputStream in;
    private final String name;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private long number;

    private TextLines(InputStream in, String name) throws IOException {
        this.in = new BufferedInputStream(in, 1 << 16);
        this.name = name;
        skipByteOrderMark();
    }

    /**
     * The lines of {@code source}: {@code -} for standard input, else a file.
     *
     * @throws NotTextException if standard input is closed
     */
    static TextLines open(String source) throws IOException {
        if ("-".equals(source)) {
            if (StandardInput.isClosed()) {
                throw new NotTextException("standard input is closed; pipe the texts in or give --input FILE");
            }
            return new TextLines(StandardInput.unclosable(), "standard input");
        }
        return new TextLines(Files.newInputStream(Path.of(source)), source);
    }

    /** Lines of a stream, named {@code name} in messages; for tests. */
    static TextLines of(InputStream in, String name) throws IOException {
        return new TextLines(in, name);
    }

    /**
     * The next line without its terminator, or null at the end.
     *
     * @throws NotTextException if the line holds a NUL byte or is not UTF-8
     */
    String next() throws IOException {
        line.reset();
        int b = in.read();
        if (b < 0) {
            return null;
        }
        number++;
        while (b >= 0 && b != '\n' && b != '\r') {
            if (b == 0) {
                throw notText("a NUL byte (binary data)");
            }
            if (line.size() == MAX_LINE_BYTES) {
                throw notText("a line longer than " + (MAX_LINE_BYTES >> 20) + " MiB");
            }
            line.write(b);
            b = in.read();
        }
        if (b == '\r') {
            skipLineFeed();
        }
        return decode();
    }

    private String decode() throws NotTextException {
        ByteBuffer bytes = ByteBuffer.wrap(line.toByteArray());
        try {
            return decoder.decode(bytes).toString();
        } catch (CharacterCodingException e) {
            int at = Math.min(bytes.position(), bytes.limit() - 1);
            String found = at >= 0 ? String.format("byte 0x%02X at byte %d of the line", bytes.get(at) & 0xFF, at + 1)
                    : "a broken byte sequence";
            throw notText(found + ", which is not UTF-8");
        }
    }

    private NotTextException notText(String found) {
        return new NotTextException(name + ", line " + number + ": expected UTF-8 text, found " + found);
    }

    private void skipLineFeed() throws IOException {
        in.mark(1);
        if (in.read() != '\n') {
            in.reset();
        }
    }

    private void skipByteOrderMark() throws IOException {
        in.mark(BYTE_ORDER_MARK.length);
        byte[] start = in.readNBytes(BYTE_ORDER_MARK.length);
        if (!java.util.Arrays.equals(start, BYTE_ORDER_MARK)) {
            in.reset();
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Input that is not text: binary bytes, another encoding, or no input at all. */
    static final class NotTextException extends IOException {
        @java.io.Serial
        private static final long serialVersionUID = 1L;

        NotTextException(String message) {
            super(message);
        }
    }
}
