package org.neurite.keras;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.neurite.nn.Layer;
import org.neurite.nn.Network;
import org.neurite.nn.Parameter;
import org.neurite.nn.layers.Bidirectional;
import org.neurite.nn.layers.RecurrentLayer;
import org.neurite.nn.layers.TimeDistributed;
import org.neurite.tensor.Tensor;

/**
 * Writes a Neurite model (Sequential or functional) for Keras 3: a {@code .keras} archive that
 * {@code keras.models.load_model} reads ({@code config.json} from {@link KerasModelJson},
 * {@code metadata.json}, and {@code model.weights.h5} in the {@code layers/<class in snake case>[_n]/vars/i}
 * layout {@link KerasWeights} reads), or a legacy HDF5 weights file for {@code model.load_weights}.
 * Both write to a temporary file renamed into place.
 */
final class KerasExport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KerasExport() {
    }

    static void save(Network model, Path file) throws IOException {
        model.build();
        KerasModelJson json = KerasModelJson.of(model);
        byte[] config = JSON.writeValueAsBytes(json.root());
        byte[] metadata = JSON.writeValueAsBytes(Map.of("date_saved",
                java.time.Instant.now().toString(), "saved_by", "neurite"));
        byte[] weights = hdf5(h5 -> writeKeras3(h5, json.layers()));
        atomically(file, temp -> {
            try (OutputStream out = Files.newOutputStream(temp); ZipOutputStream zip = new ZipOutputStream(out)) {
                put(zip, KerasArchive.METADATA, metadata);
                put(zip, KerasArchive.CONFIG, config);
                put(zip, KerasArchive.WEIGHTS, weights);
            }
        });
    }

    /**
     * Writes the legacy HDF5 weights layout of Keras' {@code model.save_weights("x.h5")}: the root
     * attribute {@code layer_names} lists the layers with weights in {@code model.layers} order, each a
     * group with the attribute {@code weight_names} and one dataset per weight, trainable weights
     * first (Keras' legacy order). Keras' {@code load_weights} matches layers by that order.
     */
    static void saveWeights(Network model, Path file) throws IOException {
        model.build();
        List<Layer> layers = KerasModelJson.of(model).layers().stream()
                .filter(l -> !l.parameters().isEmpty()).toList();
        byte[] bytes = hdf5(h5 -> {
            h5.putAttribute("layer_names", layers.stream().map(Layer::name).toArray(String[]::new));
            h5.putAttribute("backend", "tensorflow");
            h5.putAttribute("keras_version", "3");
            for (Layer layer : layers) {
                List<Parameter> legacy = new ArrayList<>(layer.parameters().stream().filter(Parameter::trainable).toList());
                legacy.addAll(layer.parameters().stream().filter(p -> !p.trainable()).toList());
                WritableGroup group = h5.putGroup(layer.name());
                group.putAttribute("weight_names", legacy.stream().map(Parameter::path).toArray(String[]::new));
                for (Parameter p : legacy) {
                    group.putDataset(p.path(), nested(p.value()));
                }
            }
        });
        atomically(file, temp -> Files.write(temp, bytes));
    }

    private interface Writer<T> {
        void write(T target) throws IOException;
    }

    private static void atomically(Path file, Writer<Path> writer) throws IOException {
        Path target = file.toAbsolutePath();
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            writer.write(temp);
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

    /** An HDF5 file made by {@code writer}, written by jHDF to a temporary file and read back. */
    private static byte[] hdf5(Writer<WritableHdfFile> writer) throws IOException {
        Path temp = Files.createTempFile("neurite-keras", ".h5");
        try {
            try (WritableHdfFile h5 = HdfFile.write(temp)) {
                writer.write(h5);
            }
            return Files.readAllBytes(temp);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * The {@code .keras} weight file's groups. Only groups that hold datasets are written: jHDF 0.10
     * writes an empty group's header wrongly, and Keras reads a missing group as a layer without
     * variables, as it writes them.
     */
    private static void writeKeras3(WritableHdfFile h5, List<Layer> layers) {
        WritableGroup all = h5.putGroup("layers");
        Map<String, Integer> used = new HashMap<>();
        for (Layer layer : layers) {
            String name = KerasWeights.uniqueName(KerasModelConfig.snakeCase(layer.type()), used);
            if (!layer.parameters().isEmpty()) {
                writeLayer(layer, all.putGroup(name));
            }
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
            default -> {
                Map<String, WritableGroup> made = new HashMap<>();
                made.put("", group);
                for (Map.Entry<String, List<Parameter>> e : KerasWeightGroups.of(layer).entrySet()) {
                    writeVars(e.getValue(), subgroup(made, e.getKey()).putGroup("vars"));
                }
            }
        }
    }

    /** The group at {@code path} ({@code a/b}) below the layer's, made once. */
    private static WritableGroup subgroup(Map<String, WritableGroup> made, String path) {
        WritableGroup existing = made.get(path);
        if (existing != null) {
            return existing;
        }
        int slash = path.lastIndexOf('/');
        WritableGroup parent = subgroup(made, slash < 0 ? "" : path.substring(0, slash));
        WritableGroup group = parent.putGroup(path.substring(slash + 1));
        made.put(path, group);
        return group;
    }

    private static void writeVars(List<Parameter> parameters, WritableGroup vars) {
        for (int i = 0; i < parameters.size(); i++) {
            vars.putDataset(Integer.toString(i), nested(parameters.get(i).value()));
        }
    }

    /** A tensor as the nested float arrays (or, of rank 0, the Float) jHDF writes as a float32 dataset of that shape. */
    private static Object nested(Tensor t) {
        float[] flat = t.toArray();
        int[] shape = t.shape();
        if (shape.length == 0) {
            return flat[0];
        }
        Object out = Array.newInstance(float.class, shape);
        fill(out, flat, 0, shape, 0);
        return out;
    }

    /** Copies {@code flat} from {@code offset} into the nested array {@code target} of dimension {@code dim}; returns the next offset. */
    private static int fill(Object target, float[] flat, int offset, int[] shape, int dim) {
        if (dim == shape.length - 1) {
            System.arraycopy(flat, offset, target, 0, shape[dim]);
            return offset + shape[dim];
        }
        for (int i = 0; i < shape[dim]; i++) {
            offset = fill(Array.get(target, i), flat, offset, shape, dim + 1);
        }
        return offset;
    }
}
