package org.neurite.keras;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.neurite.io.ForeignModelFormat;
import org.neurite.io.LoadedModel;
import org.neurite.nn.Network;

/**
 * Keras' files for {@code Model.load} and {@code Model.save}: this module's
 * {@link ForeignModelFormat}, listed in {@code META-INF/services}, so that with neurite-keras on the
 * class path {@code Model.load("model.keras")} and {@code Model.load("model.h5")} import through
 * {@link KerasFiles#load}, and {@code model.save("model.keras")} exports through {@link KerasFiles#save}.
 *
 * <pre>{@code
 * Model imported = Model.load("imdb_lstm.keras");
 * }</pre>
 */
public final class KerasModelFormat implements ForeignModelFormat {
    private static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    /** Made by {@link java.util.ServiceLoader}. */
    public KerasModelFormat() {
    }

    @Override
    public String name() {
        return "Keras";
    }

    /** A {@code .keras} or {@code .h5}/{@code .hdf5} name, or any file that starts as an HDF5 file. */
    @Override
    public boolean claims(Path file, byte[] head) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".keras") || name.endsWith(".h5") || name.endsWith(".hdf5")
                || head.length >= HDF5_MAGIC.length && Arrays.equals(head, 0, HDF5_MAGIC.length, HDF5_MAGIC, 0,
                HDF5_MAGIC.length);
    }

    @Override
    public LoadedModel load(Path file) throws IOException {
        return KerasFiles.load(file);
    }

    /**
     * A {@code .keras} archive. A {@code .h5} name is refused: Keras 3 writes whole models as
     * {@code .keras}; the legacy weights file is {@link KerasFiles#saveWeights}, asked for by name.
     */
    @Override
    public void save(Network model, Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".keras")) {
            throw new IllegalArgumentException(file + ": models are exported to Keras as .keras archives; for a legacy"
                    + " .h5 weights file (model.load_weights) use KerasFiles.saveWeights or neurite export --weights");
        }
        KerasFiles.save(model, file);
    }
}
