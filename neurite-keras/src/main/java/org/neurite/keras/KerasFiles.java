package org.neurite.keras;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Group;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.neurite.io.LoadedModel;
import org.neurite.io.ModelFileException;
import org.neurite.nn.Network;

/**
 * Keras model files into Neurite: Keras 3 {@code .keras} archives and legacy HDF5 {@code .h5} files
 * (Keras 2, tf.keras, or Keras 3's {@code model.save("x.h5")}), Sequential and functional models;
 * a model used as a layer of another (nested) is flattened into the outer graph, its calls sharing
 * its layers.
 *
 * <pre>{@code
 * LoadedModel loaded = KerasFiles.load(Path.of("imdb_lstm.keras"));
 * Tensor probabilities = loaded.model().predict(tokenIds, 256);
 * String kerasVersion = loaded.metadata().get("keras_version");
 * }</pre>
 *
 * <p>The import is exact or refused: every layer option is translated to Neurite's, and one that
 * Neurite cannot represent (a Lambda layer, a custom object, a constraint, a frozen layer, a
 * non-default initializer argument) stops the import with a {@link ModelFileException} naming the
 * file, the layer and the option. Nothing in the file is ever run or used to pick a class: layers
 * come from Neurite's fixed {@link org.neurite.io.LayerRegistry}. Sizes are checked before buffers
 * are allocated.
 */
public final class KerasFiles {
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    private static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build()).build());

    private KerasFiles() {
    }

    /**
     * The model in a {@code .keras} or {@code .h5} file, built and holding the file's weights. The
     * result's {@code libraryVersion} is {@code keras-<version>} when the file says which Keras wrote
     * it; its metadata holds {@code format} ({@code keras} or {@code h5}) and {@code keras_version}.
     *
     * @throws ModelFileException naming the file, for a file that is not a Keras model, is corrupt,
     *     or holds something that cannot be imported exactly
     * @throws IOException if the file cannot be read
     */
    public static LoadedModel load(Path file) throws IOException {
        return read(file).loaded();
    }

    /**
     * Like {@link #load}, keeping what a layer-by-layer parity report needs.
     *
     * @throws ModelFileException naming the file, as {@link #load}
     * @throws IOException if the file cannot be read
     */
    public static KerasImport read(Path file) throws IOException {
        try {
            byte[] magic = head(file);
            if (Arrays.equals(magic, 0, 4, ZIP_MAGIC, 0, 4)) {
                return loadArchive(file);
            }
            if (Arrays.equals(magic, HDF5_MAGIC)) {
                return loadLegacy(file);
            }
            throw new KerasFormatError("neither a .keras archive (zip) nor an HDF5 .h5 file");
        } catch (KerasFormatError | HdfException | IllegalArgumentException | IllegalStateException
                 | ArithmeticException | IndexOutOfBoundsException | ClassCastException
                 | java.nio.BufferUnderflowException e) {
            throw new ModelFileException(file + ": " + e.getMessage(), e);
        }
    }

    private static KerasImport loadArchive(Path file) throws IOException {
        KerasArchive archive = KerasArchive.read(file);
        Map<String, Object> metadata = jsonObject(archive.metadata(), KerasArchive.METADATA);
        KerasModelConfig config = KerasModelConfig.read(jsonObject(archive.config(), KerasArchive.CONFIG));
        Network network = config.network().buildForLoading(
                new WeightBudget(archive.weights() == null ? 0 : archive.weights().length));
        if (archive.weights() == null) {
            if (network.countParams() > 0) {
                throw new KerasFormatError("archive has no " + KerasArchive.WEIGHTS + " but the model has weights");
            }
        } else {
            try (HdfFile h5 = HdfFile.fromBytes(archive.weights())) {
                KerasWeights.readKeras3(h5, config.layers());
            }
        }
        return new KerasImport(loaded(network, "keras", metadata.get("keras_version")), config);
    }

    private static KerasImport loadLegacy(Path file) throws IOException {
        try (HdfFile h5 = new HdfFile(file)) {
            String modelConfig = stringAttribute(h5, "model_config");
            KerasModelConfig config = KerasModelConfig.read(
                    jsonObject(modelConfig.getBytes(java.nio.charset.StandardCharsets.UTF_8), "model_config"));
            Network network = config.network().buildForLoading(new WeightBudget(Files.size(file)));
            if (!(h5.getChild("model_weights") instanceof Group weights)) {
                throw new KerasFormatError("legacy .h5 without a model_weights group (a weights-only file?)");
            }
            KerasWeights.readLegacy(weights, config.layers());
            Attribute version = h5.getAttribute("keras_version");
            return new KerasImport(loaded(network, "h5", version == null ? null : version.getData()), config);
        }
    }

    /**
     * Writes {@code model} (Sequential or functional) as a Keras 3 {@code .keras} archive that
     * {@code keras.models.load_model} reads and that predicts the same.
     *
     * <pre>{@code
     * KerasFiles.save(model, Path.of("model.keras"));
     * }</pre>
     *
     * @throws IllegalArgumentException naming the layer, for what Keras could not represent
     *     (truncated backpropagation, a causal mask on a layer of a Sequential model)
     * @throws IOException if the file cannot be written
     */
    public static void save(Network model, Path file) throws IOException {
        KerasExport.save(model, file);
    }

    /**
     * Writes {@code model}'s weights as the legacy HDF5 file of Keras' {@code model.save_weights("x.h5")},
     * which {@code model.load_weights("x.h5")} reads into the same model built in Keras (for example
     * the one {@link #save} wrote). Keras matches the layers with weights by their order in
     * {@code model.layers}, and each layer's weights by order, trainable ones first.
     *
     * <pre>{@code
     * KerasFiles.saveWeights(model, Path.of("model.weights.h5"));
     * // Python: model = keras.models.load_model("model.keras"); model.load_weights("model.h5")
     * }</pre>
     *
     * @throws IllegalArgumentException naming the layer, as {@link #save}
     * @throws IOException if the file cannot be written
     */
    public static void saveWeights(Network model, Path file) throws IOException {
        KerasExport.saveWeights(model, file);
    }

    private static LoadedModel loaded(Network network, String format, Object kerasVersion) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", format);
        if (kerasVersion != null) {
            metadata.put("keras_version", String.valueOf(kerasVersion));
        }
        String version = kerasVersion == null ? "keras" : "keras-" + kerasVersion;
        return new LoadedModel(network, version, java.util.Collections.unmodifiableMap(metadata),
                Optional.empty(), Optional.empty());
    }

    private static String stringAttribute(Group group, String name) {
        Attribute attribute = group.getAttribute(name);
        if (attribute == null || !(attribute.getData() instanceof String text)) {
            throw new KerasFormatError("HDF5 file without a '" + name + "' string attribute: not a Keras model file");
        }
        return text;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> jsonObject(byte[] bytes, String what) {
        try {
            Object value = JSON.readValue(bytes, Object.class);
            if (!(value instanceof Map<?, ?>)) {
                throw new KerasFormatError(what + " must hold a JSON object");
            }
            return (Map<String, Object>) value;
        } catch (IOException e) {
            throw new KerasFormatError(what + " is not valid JSON (" + e.getMessage().lines().findFirst().orElse("")
                    + ")", e);
        }
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HDF5_MAGIC.length);
        }
    }
}
