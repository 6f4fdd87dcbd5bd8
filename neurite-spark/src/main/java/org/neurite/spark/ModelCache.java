package org.neurite.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.neurite.models.Model;

/**
 * The models this JVM (a Spark executor, or the driver in local mode) has loaded, by the SHA-256 of
 * their file's bytes: each model file is read once per JVM however many tasks and stages use it.
 * Keyed by content, not by path, so that a file rewritten under the same name is a new model.
 *
 * <p>A cached model is shared by the JVM's task threads; callers run it under its own lock
 * ({@code synchronized (model)}), because a model's layers and training loop keep buffers between
 * calls, and one prediction already uses every core through the engine's pool.
 */
final class ModelCache {
    private static final ConcurrentMap<String, Model> MODELS = new ConcurrentHashMap<>();

    private ModelCache() {
    }

    /** The model whose file has this hash, loaded from {@code bytes} the first time it is asked for. */
    static Model get(String sha256, String fileName, Supplier<byte[]> bytes) {
        return MODELS.computeIfAbsent(sha256, key -> load(fileName, bytes.get()));
    }

    /** Forgets every loaded model, as a fresh executor JVM that has loaded none; for tests. */
    static void forgetAll() {
        MODELS.clear();
    }

    /** Loads a model file's bytes through a temporary file, the one form {@code Model.load} reads. */
    private static Model load(String fileName, byte[] bytes) {
        Path temp = null;
        try {
            temp = Files.createTempFile("neurite-model-", ".neurite");
            Files.write(temp, bytes);
            return Model.load(temp);
        } catch (IOException e) {
            throw new UncheckedIOException(fileName + ": cannot load the broadcast model on this executor: "
                    + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // A leftover temporary file costs disk space only; the model is loaded already.
                }
            }
        }
    }
}
