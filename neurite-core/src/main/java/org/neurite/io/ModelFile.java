package org.neurite.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.TreeMap;
import org.neurite.data.Leftovers;
import org.neurite.nn.Network;
import org.neurite.nn.Parameter;
import org.neurite.tensor.Tensor;
import org.neurite.text.TextVectorizationState;
import org.neurite.train.Optimizer;

/**
 * Saves a model to one file and loads it back: the architecture (Keras-like JSON), the weights
 * (float32, little-endian, by dotted path), the seed, the caller's metadata and, optionally, the
 * optimizer's state and the state of the text vectorizer that feeds the model, framed by a magic, a format version and a checksum (two CRCs; a SHA-256 in files of format version 1). The layout is described in
 * {@code docs/formats/model-file.md}.
 *
 * <p>Contract. Saving writes a temporary file beside the target, forces it to disk and renames it
 * into place in one atomic step, so a failed or interrupted save leaves any previous file as it was;
 * a model that a file could not hold (a layer type outside the registry, a nested model, two weights
 * with one path, anything beyond {@link ModelFileLimits}) is refused before anything is written, and
 * a file is a pure function of what is saved (two identically seeded runs save the same bytes).
 * Loading checks the magic, the version and every declared size against the file's actual size and
 * against {@link ModelFileLimits} before allocating, verifies the checksum before returning anything
 * (the header is read as that of a forged file would be, while the checksum is computed on another
 * thread, and a mismatch is the refusal reported whatever else the bytes fail), instantiates layers only through a fixed registry of types, checks each weight a layer asks for
 * against the file's table before it is allocated (so a forged config cannot make it allocate more
 * than the file holds), and checks that the weights match the architecture name for name and shape
 * for shape and are finite. It returns a model only when all of that holds; otherwise it throws a
 * {@link ModelFileException} naming the file and the problem in one line of bounded length. Loading
 * repeats predictions bit for bit.
 *
 * <p>Users save and load through the model object ({@code model.save(path)},
 * {@code Model.load(path)} in {@code org.neurite.models}), which writes its vectorizer too; this
 * class works on networks.
 *
 * <pre>{@code
 * ModelFile.save(model, Path.of("mnist.neurite"));
 * ModelFile.save(model, trainer.optimizer(), Map.of("data_sha256", sum), Path.of("mnist.neurite"));
 * LoadedModel loaded = ModelFile.load(Path.of("mnist.neurite"));
 * Tensor p = loaded.model().predict(x, 256);          // same values as model.predict(x, 256)
 *
 * ModelFile.save(model, null, Map.of(), vectorizer.state(), Path.of("imdb.neurite"));
 * TextVectorization restored = TextVectorization.fromState(ModelFile.load(Path.of("imdb.neurite"))
 *         .vectorizer().orElseThrow());
 * }</pre>
 */
public final class ModelFile {
    private static final SecureRandom TEMP_NAMES = new SecureRandom();

    private ModelFile() {
    }

    /** Saves {@code model} (built first if need be) with no optimizer state and no metadata. */
    public static void save(Network model, Path file) throws IOException {
        save(model, null, Map.of(), file);
    }

    /**
     * Saves {@code model} (built first if need be) with {@code metadata} and, when {@code optimizer} is
     * not null, its state and step count, so that training can resume.
     *
     * @throws IllegalArgumentException if a model file cannot hold this model or this optimizer's state, or
     *     either holds a NaN or infinite value
     * @throws IOException if writing fails; any previous {@code file} is then left unchanged
     */
    public static void save(Network model, Optimizer optimizer, Map<String, String> metadata, Path file)
            throws IOException {
        save(model, optimizer, metadata, null, file);
    }

    /**
     * Saves {@code model} as {@link #save(Network, Optimizer, Map, Path)} does, with the state of the
     * vectorizer that turns raw texts into its inputs when {@code vectorizer} is not null; the
     * vocabulary and idf weights are covered by the checksum like everything else.
     *
     * @throws IllegalArgumentException if a model file cannot hold this model or this optimizer's state, or
     *     either holds a NaN or infinite value
     * @throws IOException if writing fails; any previous {@code file} is then left unchanged
     */
    public static void save(Network model, Optimizer optimizer, Map<String, String> metadata,
                            TextVectorizationState vectorizer, Path file) throws IOException {
        model.build();
        Map<String, Tensor> weights = weightsByPath(model);
        Map<String, Tensor> state = optimizer == null ? Map.of() : optimizerState(optimizer, weights);
        requireFinite(weights, "weight", file);
        requireFinite(state, "optimizer state", file);
        List<TensorTable.Entry> weightTable = TensorTable.layout(weights, 0);
        List<TensorTable.Entry> stateTable = TensorTable.layout(state, end(weightTable, 0));
        VectorizerSection.Written text = vectorizer == null ? null
                : VectorizerSection.write(vectorizer, end(stateTable, end(weightTable, 0)));
        byte[] header = Header.write(model, optimizer, ordered(metadata), weightTable, stateTable,
                text == null ? null : text.json());
        List<Tensor> tensors = new ArrayList<>(weights.values());
        tensors.addAll(state.values());
        if (text != null && text.idfWeights() != null) {
            tensors.add(text.idfWeights());
        }
        byte[] trailer = text == null ? new byte[0] : text.vocabulary();
        writeAtomically(file, out -> Container.write(out, header, tensors, trailer));
    }

    /**
     * Refuses to save a diverged model: loading refuses NaN and infinite values, so a file holding
     * them could never be read back, and writing it would replace a good checkpoint with a useless one.
     */
    private static void requireFinite(Map<String, Tensor> tensors, String what, Path file) {
        for (var e : tensors.entrySet()) {
            float[] values = e.getValue().toArray();
            for (int i = 0; i < values.length; i++) {
                if (!Float.isFinite(values[i])) {
                    throw new IllegalArgumentException("cannot save " + file.getFileName() + ": " + what + " '"
                            + e.getKey() + "' holds " + values[i] + " at index " + i + " of its " + values.length
                            + " values (did training diverge?); the previous file, if any, is unchanged");
                }
            }
        }
    }

    private static long end(List<TensorTable.Entry> table, long start) {
        return table.isEmpty() ? start : table.get(table.size() - 1).end();
    }

    /**
     * Loads a model saved by {@link #save}, built and holding the saved weights and seed.
     *
     * @throws ModelFileException if the file is not a model file this library can read, or fails any
     *     check of the class contract; the message names the file and the problem
     * @throws IOException if the file cannot be read
     */
    public static LoadedModel load(Path file) throws IOException {
        return load(file, true);
    }

    /**
     * Loads a model to predict with: as {@link #load}, with every check of the class contract (the
     * whole file's checksum, the optimizer state's table against the file and the model's weights),
     * except that the optimizer's values, which only resuming training uses, are neither decoded nor
     * checked, and {@link LoadedModel#optimizerState()} is empty whatever the file holds. In an
     * {@code imdb-lstm} file, Adam's two moments are two thirds of the bytes.
     *
     * <pre>{@code
     * Network model = ModelFile.loadForPrediction(Path.of("imdb.neurite")).model();
     * }</pre>
     *
     * @throws ModelFileException if the file is not a model file this library can read, or fails any
     *     check of the class contract; the message names the file and the problem
     * @throws IOException if the file cannot be read
     */
    public static LoadedModel loadForPrediction(Path file) throws IOException {
        return load(file, false);
    }

    /**
     * Reads the header and builds the model while the checksum is computed on another thread (a
     * version 1 file's SHA-256 of 31 MB takes longer than all the rest before C2 compiles it); nothing is
     * returned before the checksum matches, and a mismatch is reported rather than whatever the
     * unverified bytes made the reader say.
     */
    private static LoadedModel load(Path file, boolean optimizerValues) throws IOException {
        Container.Sections sections = Container.read(file);
        LoadedModel loaded;
        try {
            loaded = Header.read(sections.header(), sections.data(), optimizerValues);
        } catch (IllegalArgumentException e) {
            sections.requireChecksum();
            throw refusal(file, e.getMessage(), e);
        } catch (RuntimeException e) {
            sections.requireChecksum();
            // A layer that fails on a config it should have refused cleanly: still a refusal of this file.
            throw refusal(file, "the architecture cannot be built: " + e, e);
        } catch (Error e) {
            sections.requireChecksum();
            throw e;
        }
        sections.requireChecksum();
        return loaded;
    }

    /** One line of bounded length, whatever the file made the message hold. */
    private static ModelFileException refusal(Path file, String what, RuntimeException cause) {
        return new ModelFileException(file + ": " + Echo.clip(what, Echo.MAX_MESSAGE), cause);
    }

    private static Map<String, Tensor> weightsByPath(Network model) {
        Map<String, Tensor> weights = new LinkedHashMap<>();
        for (Parameter p : model.parameters()) {
            if (weights.put(p.path(), p.value()) != null) {
                throw new IllegalArgumentException("model '" + model.name() + "': two weights share the path '"
                        + p.path() + "'; give their layers distinct names");
            }
        }
        return weights;
    }

    /**
     * The optimizer's state in the model's weight order, then by slot: the optimizer keeps it in an
     * identity map, whose order changes from run to run, and a file must be a pure function of the run.
     */
    private static Map<String, Tensor> optimizerState(Optimizer optimizer, Map<String, Tensor> weights) {
        Map<String, Integer> weightIndex = new HashMap<>();
        weights.keySet().forEach(path -> weightIndex.put(path, weightIndex.size()));
        Map<String, Tensor> state = optimizer.state();
        for (String key : state.keySet()) {
            int slash = key.lastIndexOf('/');
            if (slash < 0 || !weightIndex.containsKey(key.substring(0, slash))
                    || !key.substring(slash + 1).matches("[0-9]{1,4}")) {
                throw new IllegalArgumentException("optimizer '" + optimizer.name() + "' holds state '" + key
                        + "' for a weight that is not in this model");
            }
        }
        Comparator<String> byWeightThenSlot = Comparator
                .comparingInt((String key) -> weightIndex.get(key.substring(0, key.lastIndexOf('/'))))
                .thenComparingInt(key -> Integer.parseInt(key.substring(key.lastIndexOf('/') + 1)));
        Map<String, Tensor> ordered = new LinkedHashMap<>();
        state.keySet().stream().sorted(byWeightThenSlot).forEach(key -> ordered.put(key, state.get(key)));
        return ordered;
    }

    /**
     * The caller's metadata in its own order when it has one (a LinkedHashMap, a TreeMap), else
     * sorted by key: {@code Map.of}'s order changes from run to run.
     */
    private static Map<String, String> ordered(Map<String, String> metadata) {
        return metadata instanceof SequencedMap<String, String> ? metadata : new TreeMap<>(metadata);
    }

    /** What goes into the file. */
    @FunctionalInterface
    private interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes a temporary file beside {@code file}, forces it to disk, then renames it over {@code file}. */
    private static void writeAtomically(Path file, Body body) throws IOException {
        Path target = file.toAbsolutePath();
        Path folder = target.getParent();
        // Named with this process's id, so that a later save can tell a killed save's leftovers from a running one.
        String prefix = "." + target.getFileName() + ".";
        Path temp = folder.resolve(prefix + Leftovers.tag() + Long.toHexString(TEMP_NAMES.nextLong()) + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                Leftovers.removeStale(folder, prefix, ".tmp", temp, "interrupted saves");
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                body.writeTo(out);
                out.flush();
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceFolder(folder);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Forces the rename itself to disk where the platform allows syncing a folder. */
    private static void forceFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException platformCannotSyncFolders) {
            // Windows cannot open a folder as a channel; the file itself is already on disk.
        }
    }
}
