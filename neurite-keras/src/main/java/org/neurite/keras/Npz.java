package org.neurite.keras;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.neurite.io.ModelFileException;
import org.neurite.tensor.Tensor;

/**
 * Reads NumPy's {@code .npz} archives ({@code numpy.savez}, compressed or not): a zip of {@code .npy}
 * arrays, each turned into a float32 {@link Tensor}. Little-endian float32, float64, int32, int64
 * and bool arrays in C order are read; anything else is refused naming the array.
 *
 * <pre>{@code
 * Map<String, Tensor> cases = Npz.read(Path.of("cases.npz"));
 * Tensor x = cases.get("input_0");
 * }</pre>
 */
public final class Npz {
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");
    private static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 16;

    private Npz() {
    }

    /**
     * The arrays of an {@code .npz} file by name (without {@code .npy}), in file order.
     *
     * @throws ModelFileException naming the file and the array, for anything that is not a readable array
     */
    public static Map<String, Tensor> read(Path file) throws IOException {
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName().replaceFirst("\\.npy$", "");
                if (entry.getSize() < 0 || entry.getSize() > MAX_ARRAY_BYTES) {
                    throw new ModelFileException(file + ": array '" + name + "' declares " + entry.getSize() + " bytes");
                }
                byte[] bytes = new byte[(int) entry.getSize()];
                try (InputStream in = zip.getInputStream(entry)) {
                    if (in.readNBytes(bytes, 0, bytes.length) != bytes.length) {
                        throw new ModelFileException(file + ": array '" + name + "' is truncated");
                    }
                }
                try {
                    arrays.put(name, npy(bytes));
                } catch (IllegalArgumentException e) {
                    throw new ModelFileException(file + ": array '" + name + "': " + e.getMessage(), e);
                }
            }
        } catch (ZipException e) {
            throw new ModelFileException(file + ": not a readable .npz archive (" + e.getMessage() + ")", e);
        }
        return arrays;
    }

    /**
     * Writes {@code arrays} as an uncompressed {@code .npz} ({@code numpy.savez}), each a little-endian
     * float32 {@code .npy} array in C order: parity cases ({@code input_0}, {@code output_0}, ...) that
     * {@code numpy.load} and {@link #read} read.
     *
     * <pre>{@code
     * Npz.write(Path.of("cases.npz"), Map.of("input_0", x, "output_0", model.predict(x, 32)));
     * }</pre>
     *
     * @throws IOException if the file cannot be written
     */
    public static void write(Path file, Map<String, Tensor> arrays) throws IOException {
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(
                java.nio.file.Files.newOutputStream(file))) {
            for (Map.Entry<String, Tensor> e : arrays.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                zip.write(npyBytes(e.getValue()));
                zip.closeEntry();
            }
        }
    }

    /** Format 1.0: magic, version, a header padded with spaces to a multiple of 64 bytes, then the floats. */
    private static byte[] npyBytes(Tensor t) {
        StringBuilder shape = new StringBuilder();
        for (int d : t.shape()) {
            shape.append(d).append(", ");
        }
        String dims = t.shape().length == 1 ? shape.substring(0, shape.length() - 1)
                : shape.length() == 0 ? "" : shape.substring(0, shape.length() - 2);
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
        int unpadded = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        float[] values = t.toArray();
        ByteBuffer out = ByteBuffer.allocate(10 + header.length() + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.putShort((short) header.length());
        out.put(header.getBytes(StandardCharsets.US_ASCII));
        for (float v : values) {
            out.putFloat(v);
        }
        return out.array();
    }

    /** One {@code .npy} array: magic, version, header length, a Python dict header, then the data. */
    static Tensor npy(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 10 || (bytes[0] & 0xff) != 0x93 || !new String(bytes, 1, 5, StandardCharsets.US_ASCII)
                .equals("NUMPY")) {
            throw new IllegalArgumentException("not a .npy array (bad magic)");
        }
        int major = bytes[6];
        int headerLength = major == 1 ? Short.toUnsignedInt(buffer.getShort(8)) : buffer.getInt(8);
        int start = major == 1 ? 10 : 12;
        if (headerLength < 0 || start + (long) headerLength > bytes.length) {
            throw new IllegalArgumentException("header runs past the end");
        }
        String header = new String(bytes, start, headerLength, StandardCharsets.ISO_8859_1);
        String descr = find(DESCR, header, "descr");
        if (find(ORDER, header, "fortran_order").equals("True")) {
            throw new IllegalArgumentException("Fortran-ordered arrays are not read; save with C order");
        }
        int[] shape = shape(find(SHAPE, header, "shape"));
        int itemSize = switch (descr) {
            case "<f4", "<i4" -> 4;
            case "<f8", "<i8" -> 8;
            case "|b1", "|u1", "|i1" -> 1;
            default -> throw new IllegalArgumentException("dtype '" + descr + "' is not read; expected little-endian "
                    + "float32, float64, int32, int64 or bool");
        };
        long count = 1;
        for (int d : shape) {
            count = Math.multiplyExact(count, d);
        }
        int dataStart = start + headerLength;
        if (count * itemSize != bytes.length - dataStart) {
            throw new IllegalArgumentException("shape " + java.util.Arrays.toString(shape) + " of " + descr + " needs "
                    + count * itemSize + " bytes, the array holds " + (bytes.length - dataStart));
        }
        float[] values = new float[(int) count];
        buffer.position(dataStart);
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (descr) {
                case "<f4" -> buffer.getFloat();
                case "<f8" -> (float) buffer.getDouble();
                case "<i4" -> buffer.getInt();
                case "<i8" -> buffer.getLong();
                case "|i1" -> buffer.get();
                default -> buffer.get() & 0xff;
            };
        }
        return Tensor.of(values, shape);
    }

    private static String find(Pattern pattern, String header, String key) {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new IllegalArgumentException("header has no '" + key + "': " + header.strip());
        }
        return m.group(1);
    }

    private static int[] shape(String text) {
        String[] parts = text.split(",");
        return java.util.Arrays.stream(parts).map(String::strip).filter(s -> !s.isEmpty())
                .mapToInt(s -> {
                    int d = Integer.parseInt(s);
                    if (d < 0) {
                        throw new IllegalArgumentException("negative dimension " + d);
                    }
                    return d;
                }).toArray();
    }
}
