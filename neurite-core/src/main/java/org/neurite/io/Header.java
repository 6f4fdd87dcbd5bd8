package org.neurite.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.neurite.nn.Network;
import org.neurite.nn.Parameter;
import org.neurite.tensor.Shapes;
import org.neurite.tensor.Tensor;
import org.neurite.text.TextVectorizationState;
import org.neurite.train.Optimizer;

/**
 * The JSON header of a model file, written from a model and read back into one:
 *
 * <pre>
 *   {"library_version": "0.1.0", "seed": 42,
 *    "architecture": {see Architecture},
 *    "metadata": {"data_sha256": "..."},
 *    "weights": [TENSOR, ...],
 *    "optimizer": {"name": "adam", "config": {"learning_rate": 0.001}, "iterations": 1875,
 *                  "state": [TENSOR, ...]},              (only when saved with an optimizer)
 *    "vectorizer": {see VectorizerSection}}                (only when saved with one)
 *   TENSOR = {"name": "dense.kernel", "shape": [784, 64], "dtype": "float32", "offset": 0, "length": 200704}
 * </pre>
 *
 * <p>Contract of {@link #read}: every table is checked against the data section before the model is
 * built, every weight of the architecture must be in the file with the same shape and no other, and
 * optimizer state may only name weights of the model, with their shapes, and a vectorizer section
 * must rebuild its vectorizer. Problems are
 * {@link IllegalArgumentException}s that say what is wrong.
 */
final class Header {
    static final String LIBRARY_VERSION = libraryVersion();

    private Header() {
    }

    /**
     * The header for {@code model} (built), with {@code optimizer}'s state when it is not null and
     * the {@code vectorizer} section when it is not null.
     */
    static byte[] write(Network model, Optimizer optimizer, Map<String, String> metadata,
                        List<TensorTable.Entry> weights, List<TensorTable.Entry> state, ObjectNode vectorizer) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("library_version", LIBRARY_VERSION).put("seed", model.seed());
        json.set("architecture", Architecture.toJson(model));
        ObjectNode meta = json.putObject("metadata");
        metadata.forEach(meta::put);
        json.set("weights", TensorTable.toJson(weights));
        if (optimizer != null) {
            ObjectNode opt = json.putObject("optimizer").put("name", optimizer.name());
            opt.putObject("config").put("learning_rate", optimizer.learningRate());
            opt.put("iterations", optimizer.iterations());
            opt.set("state", TensorTable.toJson(state));
        }
        if (vectorizer != null) {
            json.set("vectorizer", vectorizer);
        }
        byte[] bytes;
        try {
            bytes = HeaderJson.mapper().writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("writing a JSON tree to memory cannot fail", e);
        }
        try {
            HeaderJson.check(bytes, "header");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model '" + model.name() + "' cannot be saved: " + e.getMessage(), e);
        }
        return bytes;
    }

    /**
     * The model, metadata and optimizer state that {@code header} describes, with values from
     * {@code data}. Without {@code optimizerValues} (a model loaded to predict), the optimizer's
     * table is checked as fully as with it (layout, names, shapes) but its values are neither
     * decoded nor checked, and the result holds no optimizer state.
     */
    static LoadedModel read(byte[] header, ByteBuffer data, boolean optimizerValues) {
        JsonFields json = JsonFields.parse(header, "header");
        String libraryVersion = json.text("library_version");
        long seed = json.longValue("seed");
        Map<String, String> metadata = json.stringMap("metadata");
        List<TensorTable.Entry> weights = TensorTable.parse(json.array("weights"), "weights", 0, data.capacity());
        JsonFields opt = json.optObject("optimizer");
        List<TensorTable.Entry> state = opt == null ? List.of()
                : TensorTable.parse(opt.array("state"), "optimizer state", end(weights, 0), data.capacity());
        long tensorsEnd = end(state, end(weights, 0));
        JsonFields vectorizerJson = json.optObject("vectorizer");
        if (vectorizerJson == null && tensorsEnd != data.capacity()) {
            throw json.error("the tables cover " + tensorsEnd + " bytes but the file holds "
                    + data.capacity() + " bytes of weights");
        }
        JsonFields architecture = json.object("architecture");
        json.requireAllRead();
        Optional<TextVectorizationState> vectorizer = Optional.ofNullable(vectorizerJson == null ? null
                : VectorizerSection.read(vectorizerJson.describedAs("vectorizer"), tensorsEnd, data));
        OptimizerHead head = opt == null ? null : OptimizerHead.read(opt);
        // Each weight the architecture asks for is checked against the table before it is allocated.
        Network model = Architecture.fromJson(architecture).seed(seed).buildForLoading(new StoredWeights(weights));
        loadWeights(model, weights, data);
        checkSlots(model, state);
        Optional<OptimizerState> optimizer = Optional.ofNullable(optimizerValues ? head : null)
                .map(h -> new OptimizerState(h.name(), h.config(), h.iterations(), slots(state, data)));
        return new LoadedModel(model, libraryVersion, Collections.unmodifiableMap(metadata), optimizer, vectorizer);
    }

    /** The optimizer's name, config and step count, read before the model is built; its slots are read after. */
    private record OptimizerHead(String name, Map<String, Double> config, long iterations) {
        static OptimizerHead read(JsonFields opt) {
            OptimizerHead head = new OptimizerHead(opt.text("name"),
                    Collections.unmodifiableMap(opt.numberMap("config")), opt.longValue("iterations"));
            opt.requireAllRead();
            if (head.iterations < 0) {
                throw opt.error("'iterations' must not be negative, got " + head.iterations);
            }
            return head;
        }
    }

    private static long end(List<TensorTable.Entry> table, long start) {
        return table.isEmpty() ? start : table.get(table.size() - 1).end();
    }

    /** Copies the file's weights into {@code model}'s, after checking that both hold the same names and shapes. */
    private static void loadWeights(Network model, List<TensorTable.Entry> table, ByteBuffer data) {
        Map<String, Parameter> parameters = model.parametersByPath();
        Map<String, TensorTable.Entry> entries = new LinkedHashMap<>();
        for (TensorTable.Entry e : table) {
            if (entries.put(e.name(), e) != null) {
                throw new IllegalArgumentException("weights: '" + Echo.clip(e.name()) + "' appears twice");
            }
            Parameter p = parameters.get(e.name());
            if (p == null) {
                throw new IllegalArgumentException("weights: the file holds '" + Echo.clip(e.name())
                        + "', which the architecture does not have; it has " + Echo.clip(parameters.keySet().toString()));
            }
            checkShape("weight '" + Echo.clip(e.name()) + "'", e, p.value().shape());
        }
        for (String path : parameters.keySet()) {
            if (!entries.containsKey(path)) {
                throw new IllegalArgumentException("weights: the architecture has '" + Echo.clip(path)
                        + "', which the file does not hold");
            }
        }
        entries.forEach((path, e) -> e.readInto(data, parameters.get(path).value(), "weight"));
    }

    /** Checks that each optimizer state tensor belongs to a weight of {@code model}, with its shape, once. */
    private static void checkSlots(Network model, List<TensorTable.Entry> table) {
        Map<String, Parameter> parameters = model.parametersByPath();
        Set<String> names = new HashSet<>();
        for (TensorTable.Entry e : table) {
            int slash = e.name().lastIndexOf('/');
            Parameter p = slash < 0 ? null : parameters.get(e.name().substring(0, slash));
            if (p == null || !e.name().substring(slash + 1).matches("[0-9]{1,4}")) {
                throw new IllegalArgumentException("optimizer state: '" + Echo.clip(e.name())
                        + "' does not name a weight of the model and a slot number (like dense.kernel/0)");
            }
            checkShape("optimizer state '" + Echo.clip(e.name()) + "'", e, p.value().shape());
            if (!names.add(e.name())) {
                throw new IllegalArgumentException("optimizer state: '" + Echo.clip(e.name()) + "' appears twice");
            }
        }
    }

    /** The optimizer's state tensors (checked by {@link #checkSlots}), decoded and checked to be finite. */
    private static Map<String, Tensor> slots(List<TensorTable.Entry> table, ByteBuffer data) {
        Map<String, Tensor> slots = new LinkedHashMap<>();
        for (TensorTable.Entry e : table) {
            slots.put(e.name(), e.read(data, "optimizer state"));
        }
        return Collections.unmodifiableMap(slots);
    }

    private static void checkShape(String what, TensorTable.Entry e, int[] expected) {
        if (!java.util.Arrays.equals(e.shape(), expected)) {
            throw new IllegalArgumentException(what + " has shape " + Echo.clip(Shapes.toString(e.shape()))
                    + " in the file but " + Shapes.toString(expected) + " in the architecture");
        }
    }

    private static String libraryVersion() {
        Properties properties = new Properties();
        try (InputStream in = Header.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the library's version.properties", e);
        }
        return properties.getProperty("version", "unknown");
    }
}
