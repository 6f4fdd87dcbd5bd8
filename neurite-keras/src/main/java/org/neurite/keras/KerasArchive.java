package org.neurite.keras;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The parts of a Keras 3 {@code .keras} archive, read into memory with every size checked first.
 *
 * <p>Nothing is ever extracted to disk, so a path in the archive cannot escape anywhere; still, names
 * that would (absolute, {@code ..}, backslashes) and duplicated names are refused, since no writer
 * Keras uses makes them. Each needed entry's declared size is checked against a limit before any
 * buffer is allocated, and exactly that many bytes must inflate from it, so a zip bomb or a lying
 * header is refused rather than followed.
 *
 * @param config {@code config.json}
 * @param metadata {@code metadata.json}
 * @param weights {@code model.weights.h5}, or null when the archive holds none
 */
record KerasArchive(byte[] config, byte[] metadata, byte[] weights) {
    static final String CONFIG = "config.json";
    static final String METADATA = "metadata.json";
    static final String WEIGHTS = "model.weights.h5";
    /** The largest config or metadata accepted: far above any real model's. */
    static final long MAX_JSON_BYTES = 64L << 20;
    /** The largest weight file: Java arrays hold at most about 2 GiB. */
    static final long MAX_WEIGHT_BYTES = Integer.MAX_VALUE - 16;

    static KerasArchive read(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Map<String, ZipEntry> entries = entries(zip);
            ZipEntry config = entries.get(CONFIG);
            if (config == null) {
                throw new KerasFormatError("not a Keras archive: no " + CONFIG);
            }
            ZipEntry metadata = entries.get(METADATA);
            ZipEntry weights = entries.get(WEIGHTS);
            return new KerasArchive(bytes(zip, config, MAX_JSON_BYTES),
                    metadata == null ? "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)
                            : bytes(zip, metadata, MAX_JSON_BYTES),
                    weights == null ? null : bytes(zip, weights, MAX_WEIGHT_BYTES));
        } catch (ZipException e) {
            throw new KerasFormatError("corrupt or truncated zip archive (" + e.getMessage() + ")", e);
        }
    }

    private static Map<String, ZipEntry> entries(ZipFile zip) {
        Map<String, ZipEntry> entries = new HashMap<>();
        Enumeration<? extends ZipEntry> all = zip.entries();
        while (all.hasMoreElements()) {
            ZipEntry entry = all.nextElement();
            String name = entry.getName();
            if (name.startsWith("/") || name.contains("\\") || name.contains(":")
                    || java.util.List.of(name.split("/")).contains("..")) {
                throw new KerasFormatError("archive entry '" + name + "' has an unsafe path");
            }
            if (entries.put(name, entry) != null) {
                throw new KerasFormatError("archive entry '" + name + "' appears twice");
            }
        }
        return entries;
    }

    private static byte[] bytes(ZipFile zip, ZipEntry entry, long limit) throws IOException {
        long size = entry.getSize();
        if (size < 0 || size > limit) {
            throw new KerasFormatError("archive entry '" + entry.getName() + "' declares " + size
                    + " bytes; expected 0 to " + limit);
        }
        byte[] out = new byte[(int) size];
        try (InputStream in = zip.getInputStream(entry)) {
            int n = in.readNBytes(out, 0, out.length);
            if (n != out.length || in.read() != -1) {
                throw new KerasFormatError("archive entry '" + entry.getName() + "' declares " + size
                        + " bytes but holds " + (n != out.length ? n : "more"));
            }
        }
        return out;
    }
}
