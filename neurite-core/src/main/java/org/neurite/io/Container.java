package org.neurite.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import org.neurite.tensor.Tensor;

/**
 * The binary frame of a model file; it knows nothing of what the header says.
 *
 * <pre>
 *   offset      size  field
 *   0           8     magic "NEURITE1"
 *   8           4     format version, uint32 little-endian (2; 1 is still read)
 *   12          8     header length H, uint64 little-endian
 *   20          H     header: UTF-8 JSON
 *   20+H        8     data length D, uint64 little-endian
 *   28+H        D     data: float32 little-endian tensors, back to back, then raw bytes (a vocabulary)
 *   28+H+D      8     CRC-32C then CRC-32 of bytes [0, 28+H+D), each uint32 little-endian
 *                     (version 1: 32 bytes, the SHA-256 of the same bytes; see FrameChecksum)
 * </pre>
 *
 * <p>Contract of {@link #read}: only a regular file is opened (a named pipe would block); the magic,
 * the version and both declared lengths are checked against the file's actual size, and the header
 * length against {@link ModelFileLimits#MAX_HEADER_BYTES}, before anything is allocated. The checksum
 * is computed on a thread of its own while the caller reads the sections, which it must treat as
 * unverified (parse them as it would a forged file's) until {@link Sections#requireChecksum()} has
 * returned. Every refusal is a {@link ModelFileException} that names the file.
 */
final class Container {
    /** The version written; {@link #OLDEST_VERSION} and later are read. */
    static final int VERSION = 2;
    static final int OLDEST_VERSION = 1;
    /** The checksum's length in a file of the current version. */
    static final int CHECKSUM_BYTES = 8;
    /** Magic, version and header length. */
    static final int PREFIX_BYTES = 20;
    static final int LENGTH_BYTES = 8;
    /** Every byte that is not header or data, in a file of the current version. */
    static final int OVERHEAD = PREFIX_BYTES + LENGTH_BYTES + CHECKSUM_BYTES;
    private static final byte[] MAGIC = "NEURITE1".getBytes(StandardCharsets.US_ASCII);
    private static final int CHUNK_FLOATS = 1 << 14;
    private static final int READ_CHUNK = 1 << 20;

    /**
     * A file's header bytes and its data section (little-endian), and the check of the checksum that
     * covers them, under way on another thread.
     */
    record Sections(byte[] header, ByteBuffer data, Path file, Future<Boolean> checksumMatches) {
        /**
         * Waits for the checksum and refuses the file when it does not match.
         *
         * @throws ModelFileException if the checksum does not match, or the wait was interrupted
         */
        void requireChecksum() throws ModelFileException {
            boolean matches;
            try {
                matches = checksumMatches.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw refuse(file, "interrupted while its checksum was verified");
            } catch (ExecutionException e) {
                throw new IllegalStateException("computing a checksum in memory cannot fail", e.getCause());
            }
            if (!matches) {
                throw refuse(file, "checksum mismatch (file altered or truncated)");
            }
        }
    }

    private Container() {
    }

    /**
     * Writes a whole file to {@code out}: the frame around {@code header}, {@code tensors}' values in
     * order, then {@code trailer}'s bytes.
     */
    static void write(OutputStream out, byte[] header, List<Tensor> tensors, byte[] trailer) throws IOException {
        long dataLength = trailer.length;
        for (Tensor t : tensors) {
            dataLength += Float.BYTES * (long) t.size();
        }
        long data = dataLength;
        FrameChecksum.forVersion(VERSION).writeWithChecksum(out, checked -> {
            ByteBuffer prefix = ByteBuffer.allocate(PREFIX_BYTES).order(ByteOrder.LITTLE_ENDIAN)
                    .put(MAGIC).putInt(VERSION).putLong(header.length);
            checked.write(prefix.array());
            checked.write(header);
            checked.write(ByteBuffer.allocate(LENGTH_BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(data).array());
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK_FLOATS * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (Tensor t : tensors) {
                writeFloats(checked, chunk, t.data(), t.offset(), t.size());
            }
            checked.write(trailer);
        });
    }

    private static void writeFloats(OutputStream out, ByteBuffer chunk, float[] values, int offset, int count)
            throws IOException {
        for (int start = 0; start < count; start += CHUNK_FLOATS) {
            int n = Math.min(CHUNK_FLOATS, count - start);
            chunk.clear();
            chunk.asFloatBuffer().put(values, offset + start, n);
            out.write(chunk.array(), 0, n * Float.BYTES);
        }
    }

    /** Reads and verifies {@code file}'s frame; see the class comment for what is checked, and when. */
    static Sections read(Path file) throws IOException {
        byte[] all;
        FrameChecksum checksum;
        long headerLength;
        long dataLength;
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            // Opening a named pipe would block until some other program writes to it.
            throw refuse(file, "is not a regular file (a folder, pipe or device); a model file is a regular file");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < OVERHEAD) {
                throw refuse(file, "is " + size + " bytes long, too short for a Neurite model file (at least "
                        + OVERHEAD + ")");
            }
            ByteBuffer prefix = readAt(channel, file, 0, PREFIX_BYTES);
            checksum = FrameChecksum.forVersion(checkMagicAndVersion(file, prefix));
            long overhead = PREFIX_BYTES + LENGTH_BYTES + checksum.bytes();
            if (size < overhead) {
                throw refuse(file, "is " + size + " bytes long, too short for a model file of format version "
                        + prefix.getInt(MAGIC.length) + " (at least " + overhead + ")");
            }
            long remaining = size - overhead;
            headerLength = prefix.getLong(12);
            if (headerLength < 0 || headerLength > remaining) {
                throw refuse(file, "declares a header of " + Long.toUnsignedString(headerLength)
                        + " bytes but only " + remaining + " remain (file truncated or altered)");
            }
            if (headerLength > ModelFileLimits.MAX_HEADER_BYTES) {
                throw refuse(file, "declares a header of " + headerLength + " bytes; model files hold at most "
                        + ModelFileLimits.MAX_HEADER_BYTES);
            }
            dataLength = readAt(channel, file, PREFIX_BYTES + headerLength, LENGTH_BYTES).getLong(0);
            checkDataLength(file, dataLength, remaining - headerLength);
            if (size > Integer.MAX_VALUE - 16) {
                throw refuse(file, "is " + size + " bytes long; files over 2 GiB are not supported yet");
            }
            all = readAll(channel, file, (int) size);
        }
        FutureTask<Boolean> matches = new FutureTask<>(() -> checksum.matches(all));
        Thread.ofPlatform().name("neurite-model-checksum").daemon().start(matches);
        int headerStart = PREFIX_BYTES;
        int dataStart = headerStart + (int) headerLength + LENGTH_BYTES;
        ByteBuffer data = ByteBuffer.wrap(all, dataStart, (int) dataLength).slice().order(ByteOrder.LITTLE_ENDIAN);
        return new Sections(Arrays.copyOfRange(all, headerStart, headerStart + (int) headerLength), data, file,
                matches);
    }

    /** Whether {@code head}, a file's first bytes, is the magic that starts every Neurite model file. */
    static boolean isNeuriteMagic(byte[] head) {
        return Arrays.equals(head, MAGIC);
    }

    /** Checks the magic and returns the format version, one this library reads. */
    private static int checkMagicAndVersion(Path file, ByteBuffer prefix) throws ModelFileException {
        byte[] magic = Arrays.copyOf(prefix.array(), MAGIC.length);
        if (!Arrays.equals(magic, MAGIC)) {
            throw refuse(file, "not a Neurite model file (starts with bytes " + HexFormat.ofDelimiter(" ").formatHex(magic)
                    + ", expected \"NEURITE1\")");
        }
        int version = prefix.getInt(MAGIC.length);
        if (version < OLDEST_VERSION || version > VERSION) {
            throw refuse(file, "has format version " + Integer.toUnsignedString(version)
                    + "; this library reads versions " + OLDEST_VERSION + " to " + VERSION);
        }
        return version;
    }

    private static void checkDataLength(Path file, long declared, long remaining) throws ModelFileException {
        if (declared < 0 || declared > remaining) {
            throw refuse(file, "declares " + Long.toUnsignedString(declared) + " bytes of weights but only "
                    + remaining + " remain (file truncated or altered)");
        }
        if (declared < remaining) {
            throw refuse(file, "has " + (remaining - declared) + " unexpected bytes after its " + declared
                    + " bytes of weights (file altered)");
        }
    }

    /**
     * The whole file, read a chunk at a time: a channel reads a heap buffer through a temporary
     * native buffer as large as the request, which for one request would be the size of the file.
     */
    private static byte[] readAll(FileChannel channel, Path file, int size) throws IOException {
        byte[] all = new byte[size];
        for (int at = 0; at < size; ) {
            int n = channel.read(ByteBuffer.wrap(all, at, Math.min(READ_CHUNK, size - at)), at);
            if (n < 0) {
                throw refuse(file, "ended while being read (changed by another program?)");
            }
            at += n;
        }
        return all;
    }

    private static ByteBuffer readAt(FileChannel channel, Path file, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw refuse(file, "ended while being read (changed by another program?)");
            }
        }
        return buffer;
    }

    private static ModelFileException refuse(Path file, String what) {
        return new ModelFileException(file + ": " + what);
    }
}
