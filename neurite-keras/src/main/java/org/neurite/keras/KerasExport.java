package org.neurite.keras;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.neurite.nn.Layer;
import org.neurite.nn.Network;
import org.neurite.nn.Parameter;
import org.neurite.nn.Regularizer;
import org.neurite.nn.SequentialNetwork;
import org.neurite.nn.layers.Bidirectional;
import org.neurite.nn.layers.RecurrentLayer;
import org.neurite.nn.layers.TimeDistributed;
import org.neurite.tensor.Tensor;

/**
 * Writes a Neurite Sequential model as a Keras 3 {@code .keras} archive that
 * {@code keras.models.load_model} reads: {@code config.json} in Keras' serialization (each layer's
 * Neurite config is already Keras' keys; regularizers become {@code L1L2} objects, and
 * {@code trainable}/{@code dtype} are added), {@code metadata.json}, and {@code model.weights.h5}
 * in the {@code layers/<class in snake case>[_n]/vars/i} layout {@link KerasWeights} reads.
 *
 * <p>Functional models are refused for now: Keras numbers a functional model's weight groups in
 * the order of its own graph walk, which this writer does not reproduce yet.
 */
final class KerasExport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KerasExport() {
    }

    static void save(Network model, Path file) throws IOException {
        if (!(model instanceof SequentialNetwork sequential)) {
            throw new IllegalArgumentException("model '" + model.name() + "' (" + model.type()
                    + "): only Sequential models can be exported to .keras yet");
        }
        model.build();
        byte[] config = JSON.writeValueAsBytes(sequentialConfig(sequential));
        byte[] metadata = JSON.writeValueAsBytes(Map.of("date_saved",
                java.time.Instant.now().toString(), "saved_by", "neurite"));
        byte[] weights = weights(sequential.layers());
        Path target = file.toAbsolutePath();
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp); ZipOutputStream zip = new ZipOutputStream(out)) {
                put(zip, KerasArchive.METADATA, metadata);
                put(zip, KerasArchive.CONFIG, config);
                put(zip, KerasArchive.WEIGHTS, weights);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    private static Map<String, Object> sequentialConfig(SequentialNetwork model) {
        List<Object> batchShape = new ArrayList<>();
        batchShape.add(null);
        for (int d : model.inputShapes().get(0)) {
            batchShape.add(d < 0 ? null : d);
        }
        List<Object> layers = new ArrayList<>();
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("batch_shape", batchShape);
        input.put("dtype", "float32");
        input.put("sparse", false);
        input.put("name", "input_layer");
        layers.add(object("keras.layers", "InputLayer", input));
        for (Layer layer : model.layers()) {
            layers.add(layerObject(layer));
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", model.name());
        config.put("trainable", true);
        config.put("dtype", "float32");
        config.put("layers", layers);
        Map<String, Object> root = object("keras", "Sequential", config);
        root.put("build_config", Map.of("input_shape", batchShape));
        return root;
    }

    private static Map<String, Object> layerObject(Layer layer) {
        return object("keras.layers", layer.type(), kerasConfig(layer.type(), layer.config()));
    }

    /** A Neurite layer config as Keras reads it. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> kerasConfig(String type, Map<String, Object> neurite) {
        String where = "layer '" + neurite.get("name") + "' (" + type + ")";
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", neurite.get("name"));
        out.put("trainable", true);
        out.put("dtype", "float32");
        for (Map.Entry<String, Object> e : neurite.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            switch (key) {
                case "name" -> { }
                case "truncate_bptt" -> {
                    if (!Integer.valueOf(0).equals(value)) {
                        throw new IllegalArgumentException(where + ": truncate_bptt " + value
                                + " cannot be exported; Keras has no truncated backpropagation");
                    }
                }
                case "layer" -> {
                    Map<String, Object> inner = (Map<String, Object>) value;
                    String innerType = (String) inner.get("class_name");
                    out.put(key, object("keras.layers", innerType,
                            kerasConfig(innerType, (Map<String, Object>) inner.get("config"))));
                }
                default -> out.put(key, value instanceof Regularizer r ? regularizer(r) : value);
            }
        }
        return out;
    }

    private static Map<String, Object> regularizer(Regularizer r) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("l1", r.l1());
        config.put("l2", r.l2());
        return object("keras.regularizers", "L1L2", config);
    }

    private static Map<String, Object> object(String module, String className, Map<String, Object> config) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("module", module);
        out.put("class_name", className);
        out.put("config", config);
        out.put("registered_name", null);
        return out;
    }

    /**
     * The weight file, written by jHDF to a temporary file and read back. Only groups that hold
     * datasets are written: jHDF 0.10 writes an empty group's header wrongly, and Keras reads a
     * missing group as a layer without variables, as it writes them.
     */
    private static byte[] weights(List<Layer> layers) throws IOException {
        Path temp = Files.createTempFile("neurite-keras", ".h5");
        try {
            try (WritableHdfFile h5 = HdfFile.write(temp)) {
                WritableGroup all = h5.putGroup("layers");
                Map<String, Integer> used = new HashMap<>();
                for (Layer layer : layers) {
                    String name = KerasWeights.uniqueName(KerasModelConfig.snakeCase(layer.type()), used);
                    if (!layer.parameters().isEmpty()) {
                        writeLayer(layer, all.putGroup(name));
                    }
                }
            }
            return Files.readAllBytes(temp);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** {@code layer}'s weights under {@code group}, in the layout {@link KerasWeights} reads. */
    private static void writeLayer(Layer layer, WritableGroup group) {
        switch (layer) {
            case Bidirectional b -> {
                writeLayer(b.forwardLayer(), group.putGroup("forward_layer"));
                writeLayer(b.backwardLayer(), group.putGroup("backward_layer"));
            }
            case TimeDistributed t -> writeLayer(t.layer(), group.putGroup("layer"));
            case RecurrentLayer r -> writeVars(r.parameters(), group.putGroup("cell").putGroup("vars"));
            default -> writeVars(layer.parameters(), group.putGroup("vars"));
        }
    }

    private static void writeVars(List<Parameter> parameters, WritableGroup vars) {
        for (int i = 0; i < parameters.size(); i++) {
            vars.putDataset(Integer.toString(i), nested(parameters.get(i).value()));
        }
    }

    /** A tensor as the nested float arrays jHDF writes as a float32 dataset of the same shape. */
    private static Object nested(Tensor t) {
        float[] flat = t.toArray();
        int[] shape = t.shape();
        return switch (shape.length) {
            case 1 -> flat;
            case 2 -> {
                float[][] rows = new float[shape[0]][];
                for (int i = 0; i < shape[0]; i++) {
                    rows[i] = java.util.Arrays.copyOfRange(flat, i * shape[1], (i + 1) * shape[1]);
                }
                yield rows;
            }
            default -> throw new IllegalArgumentException("weights of rank " + shape.length
                    + " cannot be exported yet (shape " + java.util.Arrays.toString(shape) + ")");
        };
    }
}
