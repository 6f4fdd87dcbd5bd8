package org.neurite.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * The checksum that ends a model file, by format version.
 *
 * <p>Version 1 ends with a SHA-256 (32 bytes). Version 2 ends with a CRC-32C then a CRC-32 of the same
 * bytes (8 bytes, each little-endian): two cyclic codes with different polynomials, so every error
 * burst of up to 32 bits is caught and a random corruption passes both with a probability of about
 * 2<sup>-64</sup>. The checksum guards against damage, not forgery (anyone who can alter a file can
 * recompute a SHA-256 as easily), and the JVM computes both CRCs with processor instructions from the
 * first call (interpreter and C1 included), where its SHA-256 instructions wait for C2: a one-shot
 * {@code predict} runs on C1 and spent 0.3-0.45 s of CPU time on the SHA-256 of a 31 MB file.
 *
 * <pre>{@code
 * byte[] trailer = FrameChecksum.forVersion(2).of(bytes, length);
 * }</pre>
 */
enum FrameChecksum {
    /** Format version 1: SHA-256. */
    SHA_256(32),
    /** Format version 2: CRC-32C, then CRC-32. */
    CRC32C_CRC32(8);

    private final int bytes;

    FrameChecksum(int bytes) {
        this.bytes = bytes;
    }

    /** The checksum a file of format {@code version} (1 or 2) ends with. */
    static FrameChecksum forVersion(int version) {
        return switch (version) {
            case 1 -> SHA_256;
            case 2 -> CRC32C_CRC32;
            default -> throw new IllegalArgumentException("no model file format version " + version);
        };
    }

    /** How many bytes it takes at the end of the file. */
    int bytes() {
        return bytes;
    }

    /** The checksum of {@code data}'s first {@code length} bytes. */
    byte[] of(byte[] data, int length) {
        return switch (this) {
            case SHA_256 -> {
                MessageDigest digest = sha256();
                digest.update(data, 0, length);
                yield digest.digest();
            }
            case CRC32C_CRC32 -> {
                CrcPair crcs = new CrcPair();
                crcs.update(data, 0, length);
                yield crcs.value();
            }
        };
    }

    /** Whether {@code file}, a whole model file, ends with the checksum of the bytes before it. */
    boolean matches(byte[] file) {
        int covered = file.length - bytes;
        return MessageDigest.isEqual(of(file, covered), Arrays.copyOfRange(file, covered, file.length));
    }

    /**
     * Writes {@code body} to {@code out} through a stream that computes the checksum of everything it
     * passes, then the checksum itself.
     */
    void writeWithChecksum(OutputStream out, Body body) throws IOException {
        if (this != CRC32C_CRC32) {
            // Files are written in the current version only; version 1 is read, never written.
            throw new IllegalStateException("model files are written in format version 2");
        }
        CrcPair crcs = new CrcPair();
        body.writeTo(new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                crcs.update(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                crcs.update(b, off, len);
            }
        });
        out.write(crcs.value());
    }

    /** What is written before the checksum. */
    @FunctionalInterface
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Version 2's two CRCs over the same bytes. */
    private static final class CrcPair {
        private final CRC32C crc32c = new CRC32C();
        private final CRC32 crc32 = new CRC32();

        void update(byte[] data, int offset, int length) {
            crc32c.update(data, offset, length);
            crc32.update(data, offset, length);
        }

        byte[] value() {
            return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                    .putInt((int) crc32c.getValue()).putInt((int) crc32.getValue()).array();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256.
            throw new IllegalStateException(e);
        }
    }
}
