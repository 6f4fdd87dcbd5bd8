package org.neurite.io;

import java.io.IOException;
import java.nio.file.Path;
import org.neurite.nn.Network;

/**
 * A model file format other than Neurite's own (Keras' {@code .keras} and {@code .h5}), provided by
 * a module outside the core so that the core needs no library for it: {@code Model.load} and
 * {@code Model.save} hand a file to the provider that claims it. Providers are found with the JDK's
 * {@link java.util.ServiceLoader}, the one place the library discovers classes: a provider module
 * lists its implementation in {@code META-INF/services/org.neurite.io.ForeignModelFormat}, and
 * having that module on the class path is all a user does.
 *
 * <pre>{@code
 * // neurite-keras provides it; with that module on the class path:
 * Model model = Model.load("imdb_lstm.keras");
 * model.save("exported.keras");
 * }</pre>
 *
 * <p>An implementation must have a public no-argument constructor, must not run code named by a
 * file, and throws {@link ModelFileException} naming the file for a file it cannot read exactly.
 */
public interface ForeignModelFormat {
    /** The format's name in messages, such as {@code Keras}. */
    String name();

    /**
     * Whether this format is for {@code file}, judged by its name and, when the file exists, its
     * first bytes {@code head} (empty for a file to be written).
     */
    boolean claims(Path file, byte[] head);

    /**
     * The model in {@code file}, built and holding the file's weights.
     *
     * @throws ModelFileException naming the file, for a file that is corrupt or cannot be imported exactly
     * @throws IOException if the file cannot be read
     */
    LoadedModel load(Path file) throws IOException;

    /**
     * Writes {@code model} to {@code file} in this format.
     *
     * @throws IllegalArgumentException naming the layer, for what the format cannot represent
     * @throws IOException if the file cannot be written
     */
    void save(Network model, Path file) throws IOException;
}
