package org.neurite.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Decodes bytes in a chosen encoding and stops at the first byte sequence that is not valid in
 * it, with a {@link DatasetException} naming the source, the encoding and the line.
 *
 * <p>{@link java.io.InputStreamReader} would either replace bad bytes silently or throw a
 * {@link java.nio.charset.MalformedInputException} without saying where; a user with a corpus in
 * mixed encodings needs the line. Lines are counted by {@code '\n'} over the characters decoded
 * before the bad bytes. Memory is two fixed buffers, whatever the size of the stream.
 */
final class StrictDecodingReader extends Reader {
    private static final int BUFFER = 16 * 1024;

    private final InputStream in;
    private final CharsetDecoder decoder;
    private final String source;
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER);
    private final CharBuffer chars = CharBuffer.allocate(BUFFER);
    private long newlinesDelivered;
    private boolean endOfBytes;
    private boolean finished;

    StrictDecodingReader(InputStream in, Charset charset, String source) {
        this.in = in;
        this.source = source;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        chars.flip(); // empty, ready to be read from
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!chars.hasRemaining() && !fill()) {
            return -1;
        }
        int n = Math.min(length, chars.remaining());
        chars.get(target, offset, n);
        for (int i = offset; i < offset + n; i++) {
            if (target[i] == '\n') {
                newlinesDelivered++;
            }
        }
        return n;
    }

    /** Decodes the next characters into {@code chars}; false at the end of the stream. */
    private boolean fill() throws IOException {
        chars.clear();
        while (chars.position() == 0 && !finished) {
            if (!endOfBytes) {
                int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (read < 0) {
                    endOfBytes = true;
                } else {
                    bytes.position(bytes.position() + read);
                }
            }
            bytes.flip();
            CoderResult result = decoder.decode(bytes, chars, endOfBytes);
            bytes.compact();
            if (result.isError()) {
                throw invalidBytes();
            }
            if (endOfBytes && bytes.position() == 0) {
                decoder.flush(chars);
                finished = true;
            }
        }
        chars.flip();
        return chars.hasRemaining();
    }

    private DatasetException invalidBytes() {
        long line = newlinesDelivered + 1;
        for (int i = 0; i < chars.position(); i++) {
            if (chars.get(i) == '\n') {
                line++;
            }
        }
        return new DatasetException(source + ": line " + line + ": bytes that are not valid "
                + decoder.charset().name() + "; re-encode the file or choose its encoding (for example ISO-8859-1)");
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
