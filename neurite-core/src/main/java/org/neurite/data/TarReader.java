package org.neurite.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Extracts chosen regular files from an uncompressed tar stream: the ustar layout, with long names
 * from pax ({@code x}) or GNU ({@code L}) headers, as npm and dpkg write them.
 *
 * <p>Contract: the caller decides, per entry name, where a file goes (or that it is skipped), so a
 * name in the archive never chooses a path on disk and {@code ../} tricks cannot escape. Header
 * checksums are checked; a damaged or truncated archive is refused. Directories, links and other
 * entry types are skipped. Wrap the stream in a {@link java.util.zip.GZIPInputStream} for
 * {@code .tgz}.
 */
final class TarReader {
    private static final int BLOCK = 512;
    // pax and GNU long-name records are short; a bigger one means a damaged archive.
    private static final long MAX_NAME_RECORD = 1 << 20;

    private TarReader() {
    }

    /**
     * Copies each regular file for which {@code destination} returns a path there, and skips the
     * rest. Entry names lose a leading {@code ./}.
     *
     * @param tar the archive, positioned at its first header
     * @param archiveName the archive's name for error messages
     * @param destination maps an entry name to where it goes, or to {@code null} to skip it
     * @return the names of the entries written
     */
    static Set<String> extract(InputStream tar, String archiveName, Function<String, Path> destination)
            throws IOException {
        return visit(tar, archiveName, (name, entry, size) -> copyIfWanted(entry, size, destination.apply(name)));
    }

    /**
     * Reads into memory each regular file whose name {@code wanted} accepts and hands it to
     * {@code consumer}, in archive order; skips the rest. For archives of many small files (a mail
     * corpus) read straight from the cached tarball.
     *
     * @param maxBytes the largest entry accepted; a bigger wanted one means a damaged or wrong archive
     */
    static void read(InputStream tar, String archiveName, Predicate<String> wanted, long maxBytes,
                     BiConsumer<String, byte[]> consumer) throws IOException {
        visit(tar, archiveName, (name, entry, size) -> {
            if (!wanted.test(name)) {
                return false;
            }
            if (size > maxBytes) {
                throw new DatasetException(archiveName + ": entry " + name + " has " + size + " bytes, expected at"
                        + " most " + maxBytes + "; the archive is damaged or not the expected one");
            }
            byte[] bytes = entry.readNBytes((int) size);
            if (bytes.length != size) {
                throw new EOFException();
            }
            consumer.accept(name, bytes);
            return true;
        });
    }

    /** What to do with one regular file: consume exactly {@code size} bytes and return true, or nothing and false. */
    @FunctionalInterface
    private interface EntryAction {
        boolean apply(String name, InputStream entry, long size) throws IOException;
    }

    private static Set<String> visit(InputStream tar, String archiveName, EntryAction action) throws IOException {
        try {
            return visitEntries(tar, archiveName, action);
        } catch (EOFException truncated) {
            throw new DatasetException(archiveName + ": the archive ends in the middle of an entry; "
                    + "it is truncated or damaged", truncated);
        }
    }

    private static Set<String> visitEntries(InputStream tar, String archiveName, EntryAction action)
            throws IOException {
        Set<String> written = new HashSet<>();
        byte[] header = new byte[BLOCK];
        String longName = null;
        // A stream that stops at a block boundary without the two zero blocks is accepted as ended.
        while (tar.readNBytes(header, 0, BLOCK) == BLOCK && !allZero(header)) {
            checkChecksum(header, archiveName);
            String name = normalise(longName != null ? longName : headerName(header));
            longName = null;
            long size = octal(header, 124, 12, archiveName);
            byte type = header[156];
            if (type == 'x' || type == 'L') {
                String record = new String(readRecord(tar, size, archiveName), StandardCharsets.UTF_8);
                longName = type == 'L' ? cString(record) : paxPath(record);
            } else if ((type == '0' || type == 0) && action.apply(name, tar, size)) {
                written.add(name);
            } else {
                tar.skipNBytes(size);
            }
            tar.skipNBytes(padding(size));
        }
        return written;
    }

    /** Copies the entry's bytes to {@code target} and returns true, or returns false when it is null. */
    private static boolean copyIfWanted(InputStream tar, long size, Path target) throws IOException {
        if (target == null) {
            return false;
        }
        byte[] buffer = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(target)) {
            for (long left = size; left > 0; ) {
                int n = tar.readNBytes(buffer, 0, (int) Math.min(buffer.length, left));
                if (n == 0) {
                    throw new EOFException();
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }
        return true;
    }

    private static byte[] readRecord(InputStream tar, long size, String archiveName) throws IOException {
        if (size > MAX_NAME_RECORD) {
            throw new DatasetException(archiveName + ": a long-name record of " + size
                    + " bytes, expected at most " + MAX_NAME_RECORD + "; the archive is damaged");
        }
        byte[] record = tar.readNBytes((int) size);
        if (record.length != size) {
            throw new EOFException();
        }
        return record;
    }

    /** The {@code path} value of a pax record set ("LENGTH key=value\n" lines), or null. */
    private static String paxPath(String records) {
        for (String line : records.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0 && line.startsWith("path=", space + 1)) {
                return line.substring(space + 1 + "path=".length());
            }
        }
        return null;
    }

    private static String headerName(byte[] header) {
        String name = field(header, 0, 100);
        boolean ustar = field(header, 257, 6).startsWith("ustar");
        String prefix = ustar ? field(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String normalise(String name) {
        return name.startsWith("./") ? name.substring(2) : name;
    }

    /** The header checksum: the sum of its unsigned bytes, the checksum field counted as spaces. */
    private static void checkChecksum(byte[] header, String archiveName) {
        long stored = octal(header, 148, 8, archiveName);
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : header[i] & 0xFF;
        }
        if (sum != stored) {
            throw new DatasetException(archiveName + ": header checksum " + stored + ", computed " + sum
                    + "; the archive is damaged or not a tar archive");
        }
    }

    private static long octal(byte[] header, int offset, int length, String archiveName) {
        if ((header[offset] & 0x80) != 0) {
            throw new DatasetException(archiveName + ": an entry uses a base-256 size field (over 8 GiB), "
                    + "which this reader does not support");
        }
        String digits = field(header, offset, length).trim();
        try {
            return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
        } catch (NumberFormatException e) {
            throw new DatasetException(archiveName + ": expected an octal number in a header, found '"
                    + digits + "'; the archive is damaged or not a tar archive", e);
        }
    }

    private static String field(byte[] header, int offset, int length) {
        return cString(new String(header, offset, length, StandardCharsets.UTF_8));
    }

    private static String cString(String s) {
        int nul = s.indexOf('\0');
        return nul < 0 ? s : s.substring(0, nul);
    }

    private static long padding(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static boolean allZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
