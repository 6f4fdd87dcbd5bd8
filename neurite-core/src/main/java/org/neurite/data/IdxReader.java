package org.neurite.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads files in the IDX format of MNIST and Fashion-MNIST: unsigned-byte images (magic number
 * {@code 0x00000803}, three dimensions: count, height, width) and unsigned-byte labels
 * ({@code 0x00000801}, one dimension: count). The header is big-endian int32s: the magic, then one
 * size per dimension; the data follows, row-major, one byte per value.
 *
 * <p>Contract: the sizes in the header are checked against the file's length before anything is
 * allocated, so a truncated, padded or corrupt file is refused with a message naming the file and
 * the bytes expected and found, and never costs a huge allocation. Other IDX element types (int,
 * float, double) are not supported; gzipped files must be unzipped first.
 *
 * <pre>{@code
 * IdxReader.Images images = IdxReader.readImages(Path.of("train-images-idx3-ubyte"), true);
 * int[] labels = IdxReader.readLabels(Path.of("train-labels-idx1-ubyte"));
 * float firstPixel = images.pixels()[0];   // in [0, 1]
 * }</pre>
 */
public final class IdxReader {
    /** Magic number of an unsigned-byte IDX file with three dimensions. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an unsigned-byte IDX file with one dimension. */
    public static final int LABELS_MAGIC = 0x00000801;

    private static final int GZIP_MAGIC_PREFIX = 0x1f8b;
    // The largest array length every JVM accepts.
    private static final long MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;
    private static final int CHUNK_BYTES = 1 << 16;

    private IdxReader() {
    }

    /**
     * Images read from an IDX file: {@code pixels} holds {@code count * height * width} values,
     * image after image, each row-major, shape {@code (count, height, width)}.
     *
     * @param pixels the pixel values, in [0, 255], or in [0, 1] when scaling was requested
     * @param count the number of images
     * @param height rows per image
     * @param width columns per image
     */
    public record Images(float[] pixels, int count, int height, int width) {
    }

    /**
     * Reads an unsigned-byte image file.
     *
     * @param file an IDX file with magic {@code 0x00000803}
     * @param scaleToUnit divide every pixel by 255, giving values in [0, 1]
     * @throws DatasetException if the magic, the sizes or the file length are wrong
     * @throws IOException if the file cannot be read
     */
    public static Images readImages(Path file, boolean scaleToUnit) throws IOException {
        long fileBytes = Files.size(file);
        try (DataInputStream in = open(file)) {
            int[] dims = readHeader(in, file, fileBytes, IMAGES_MAGIC);
            int values = checkedLength(file, fileBytes, dims, "images");
            float[] pixels = new float[values];
            readValues(in, file, pixels, scaleToUnit ? scaledTable() : plainTable());
            return new Images(pixels, dims[0], dims[1], dims[2]);
        }
    }

    /**
     * Reads an unsigned-byte label file.
     *
     * @param file an IDX file with magic {@code 0x00000801}
     * @return one label per item, each in [0, 255]
     * @throws DatasetException if the magic, the size or the file length are wrong
     * @throws IOException if the file cannot be read
     */
    public static int[] readLabels(Path file) throws IOException {
        long fileBytes = Files.size(file);
        try (DataInputStream in = open(file)) {
            int[] dims = readHeader(in, file, fileBytes, LABELS_MAGIC);
            int[] labels = new int[checkedLength(file, fileBytes, dims, "labels")];
            byte[] chunk = new byte[CHUNK_BYTES];
            for (int done = 0; done < labels.length; ) {
                int n = readChunk(in, file, chunk, labels.length - done);
                for (int i = 0; i < n; i++) {
                    labels[done + i] = chunk[i] & 0xFF;
                }
                done += n;
            }
            return labels;
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        return new DataInputStream(new BufferedInputStream(raw, CHUNK_BYTES));
    }

    /** Reads and checks the magic number and the dimensions; returns the dimensions. */
    private static int[] readHeader(DataInputStream in, Path file, long fileBytes, int magic) throws IOException {
        int rank = magic & 0xFF;
        long headerBytes = 4L + 4L * rank;
        if (fileBytes < 4) {
            throw new DatasetException(file + ": expected an IDX file of at least " + headerBytes
                    + " bytes, found " + fileBytes + "; the file is truncated or empty");
        }
        int found = in.readInt();
        if (found != magic) {
            throw wrongMagic(file, found, magic);
        }
        if (fileBytes < headerBytes) {
            throw new DatasetException(file + ": expected a header of " + headerBytes
                    + " bytes, found " + fileBytes + " bytes in all; the file is truncated");
        }
        int[] dims = new int[rank];
        for (int d = 0; d < rank; d++) {
            dims[d] = in.readInt();
            if (dims[d] <= 0) {
                throw new DatasetException(file + ": dimension " + d + " is "
                        + Integer.toUnsignedString(dims[d]) + ", expected 1 to " + Integer.MAX_VALUE
                        + "; the header is corrupt");
            }
        }
        return dims;
    }

    private static DatasetException wrongMagic(Path file, int found, int expected) {
        String hint = (found >>> 16) == GZIP_MAGIC_PREFIX
                ? "the file is gzipped: unzip it first (gunzip)"
                : "the file is not an unsigned-byte IDX file of this kind, or is damaged";
        return new DatasetException(file + ": magic number " + hex(found) + ", expected " + hex(expected)
                + " (unsigned bytes, " + (expected & 0xFF) + " dimension(s)); " + hint);
    }

    /**
     * Checks that the file holds exactly the header plus one byte per value, before anything is
     * allocated; returns the number of values.
     */
    private static int checkedLength(Path file, long fileBytes, int[] dims, String what) {
        String shape = shape(dims);
        long values;
        try {
            values = 1;
            for (int d : dims) {
                values = Math.multiplyExact(values, d);
            }
        } catch (ArithmeticException overflow) {
            throw new DatasetException(file + ": the header declares " + shape + " " + what
                    + ", more values than any file holds; the header is corrupt", overflow);
        }
        long expected = 4L + 4L * dims.length + values;
        if (expected != fileBytes) {
            throw new DatasetException(file + ": expected " + expected + " bytes for " + shape + " " + what
                    + ", found " + fileBytes + "; the file is " + (fileBytes < expected ? "truncated" : "too long")
                    + " or its header is corrupt");
        }
        if (values > MAX_ARRAY_LENGTH) {
            throw new DatasetException(file + ": " + shape + " " + what + " are " + values
                    + " values, more than one Java array holds (" + MAX_ARRAY_LENGTH + ")");
        }
        return (int) values;
    }

    private static void readValues(DataInputStream in, Path file, float[] out, float[] table) throws IOException {
        byte[] chunk = new byte[CHUNK_BYTES];
        for (int done = 0; done < out.length; ) {
            int n = readChunk(in, file, chunk, out.length - done);
            for (int i = 0; i < n; i++) {
                out[done + i] = table[chunk[i] & 0xFF];
            }
            done += n;
        }
    }

    /** Fills up to {@code remaining} bytes of {@code chunk}; a short read means the file shrank while read. */
    private static int readChunk(DataInputStream in, Path file, byte[] chunk, int remaining) throws IOException {
        int want = Math.min(chunk.length, remaining);
        int got = in.readNBytes(chunk, 0, want);
        if (got != want) {
            throw new DatasetException(file + ": the file ended early while it was read; "
                    + "was it changed by another program?");
        }
        return got;
    }

    // Lookup tables give each byte value its float exactly once (v / 255f, not v * (1 / 255f)).
    private static float[] scaledTable() {
        float[] table = new float[256];
        for (int v = 0; v < 256; v++) {
            table[v] = v / 255f;
        }
        return table;
    }

    private static float[] plainTable() {
        float[] table = new float[256];
        for (int v = 0; v < 256; v++) {
            table[v] = v;
        }
        return table;
    }

    private static String shape(int[] dims) {
        StringBuilder s = new StringBuilder();
        for (int d = 0; d < dims.length; d++) {
            s.append(d == 0 ? "" : "x").append(Integer.toUnsignedString(dims[d]));
        }
        return s.toString();
    }

    private static String hex(int value) {
        return String.format("0x%08x", value);
    }
}
