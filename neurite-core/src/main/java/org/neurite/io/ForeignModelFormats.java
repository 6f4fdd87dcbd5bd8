package org.neurite.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Finds the {@link ForeignModelFormat} provider for a file, and names the module to add when a
 * file is in a known foreign format whose provider is not on the class path.
 *
 * <pre>{@code
 * Optional<ForeignModelFormat> format = ForeignModelFormats.forReading(Path.of("model.keras"));
 * }</pre>
 */
public final class ForeignModelFormats {
    /** File name endings of formats Neurite has a module for, and that module's Maven coordinates. */
    private static final Map<String, String> KNOWN = Map.of(
            ".keras", "org.neurite:neurite-keras",
            ".h5", "org.neurite:neurite-keras",
            ".hdf5", "org.neurite:neurite-keras");

    private static final int HEAD = 8;

    private ForeignModelFormats() {
    }

    /**
     * The provider that reads {@code file}, judged by its name and first bytes; empty for a Neurite
     * model file (one that starts with its magic, whatever its name) or any file no provider claims.
     *
     * @throws ModelFileException naming the file and the module to add, for a known foreign format
     *     whose provider is not on the class path
     * @throws IOException if the file cannot be read
     */
    public static Optional<ForeignModelFormat> forReading(Path file) throws IOException {
        byte[] head = head(file);
        // A Neurite model file is nobody else's: no provider is looked up (and loaded) to say so.
        return Container.isNeuriteMagic(head) ? Optional.empty() : find(file, head);
    }

    /**
     * The provider that writes files named like {@code file}; empty for any other name (a Neurite
     * model file).
     *
     * @throws ModelFileException naming the file and the module to add, as {@link #forReading}
     */
    public static Optional<ForeignModelFormat> forWriting(Path file) throws IOException {
        return find(file, new byte[0]);
    }

    private static Optional<ForeignModelFormat> find(Path file, byte[] head) throws ModelFileException {
        for (ForeignModelFormat format : ServiceLoader.load(ForeignModelFormat.class)) {
            if (format.claims(file, head)) {
                return Optional.of(format);
            }
        }
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> known : KNOWN.entrySet()) {
            if (name.endsWith(known.getKey())) {
                throw new ModelFileException(file + ": a " + known.getKey() + " file needs the module "
                        + known.getValue() + " on the class path (add it as a dependency beside neurite-core)");
            }
        }
        return Optional.empty();
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEAD);
        }
    }
}
