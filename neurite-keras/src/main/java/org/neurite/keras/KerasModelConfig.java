package org.neurite.keras;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neurite.nn.Input;
import org.neurite.nn.Layer;
import org.neurite.nn.Network;
import org.neurite.nn.SequentialNetwork;
import org.neurite.nn.SymbolicTensor;

/**
 * A Keras 3 model config ({@code config.json} of a {@code .keras} archive, or the
 * {@code model_config} attribute of a legacy {@code .h5}) as an unbuilt Neurite network.
 *
 * <p>Sequential models become {@link SequentialNetwork}s; functional ones are rebuilt node by node
 * ({@link KerasGraph}). Nested models (a Sequential or functional model used as a layer) are
 * flattened: a Sequential made only of layers and nested Sequentials becomes one Sequential with the
 * nested layers in place; otherwise the nested model's graph is inlined at each call, so that a
 * nested model called twice shares its layers. A layer with several outputs (return_state) gives
 * each its own tensor.
 *
 * @param network the model, not yet built
 * @param layers its layers in Keras' {@code model.layers} order (a functional model's InputLayers
 *     included), each with its Keras name and, where the model is functional, the tensor of its
 *     first call; a nested model is one entry holding its own layers
 */
record KerasModelConfig(Network network, List<Imported> layers) {
    /**
     * A Keras layer as imported: the Neurite layer (null for an InputLayer or a nested model), its
     * Keras name, its class name, the first output of its first call where the model is functional
     * (else null), and for a nested model its own layers in its {@code model.layers} order (else
     * empty).
     */
    record Imported(Layer layer, String kerasName, String className, SymbolicTensor output, List<Imported> inner) {
        /** Whether this entry is a nested model, whose weights lie with its own layers. */
        boolean isModel() {
            return KerasGraph.isModel(className);
        }
    }

    /** Reads the model config {@code root} ({@code {"class_name": .., "config": ..}}). */
    static KerasModelConfig read(Map<String, Object> root) {
        KerasGraph graph = KerasGraph.parse(root, new LayerNaming(), null);
        if (graph.sequential()) {
            return sequential(graph);
        }
        List<SymbolicTensor> inputs = graph.modelInputs();
        KerasGraph.Calls calls = graph.apply(inputs);
        return new KerasModelConfig(Network.functional(inputs, calls.outputs()), imported(graph, calls));
    }

    /**
     * A Sequential model: one {@link SequentialNetwork} when its nested models are Sequential too,
     * else a functional network calling its layers and nested models one after the other.
     */
    private static KerasModelConfig sequential(KerasGraph graph) {
        int[] inputShape = graph.sequentialInputShape();
        if (inputShape == null) {
            throw new KerasFormatError("Sequential model without an InputLayer: its input shape is unknown; build the"
                    + " model on an input (keras.Input) in Keras and save again");
        }
        if (graph.isChain()) {
            Network network = SequentialNetwork.of(Input.of(inputShape), graph.chainLayers().toArray(Layer[]::new));
            return new KerasModelConfig(network, imported(graph, null));
        }
        SymbolicTensor input = Input.of(inputShape);
        KerasGraph.Calls calls = graph.apply(List.of(input));
        return new KerasModelConfig(Network.functional(List.of(input), calls.outputs()), imported(graph, calls));
    }

    /**
     * The entries of {@code graph} as Keras' {@code model.layers} lists them (a Sequential's without
     * its InputLayer; mask operations are not layers), with their first outputs where {@code calls}
     * holds them.
     */
    private static List<Imported> imported(KerasGraph graph, KerasGraph.Calls calls) {
        List<Imported> out = new ArrayList<>();
        for (KerasGraph.Entry e : graph.entries()) {
            if (MaskOps.isMaskOp(e.className()) || e.isInput() && graph.sequential()) {
                continue;
            }
            List<Imported> inner = e.model() == null ? List.of() : imported(e.model(), null);
            out.add(new Imported(e.layer(), e.kerasName(), e.className(),
                    calls == null ? null : calls.first(e.kerasName()), inner));
        }
        return List.copyOf(out);
    }

    /** The shape (without the batch axis) an InputLayer config declares; -1 for None. */
    static int[] inputShape(Map<String, Object> config) {
        Object shape = config.containsKey("batch_shape") ? config.get("batch_shape") : config.get("batch_input_shape");
        List<Object> dims = list(shape, "InputLayer '" + config.get("name") + "' batch_shape");
        if (dims.isEmpty()) {
            throw new KerasFormatError("InputLayer '" + config.get("name") + "': batch_shape is empty");
        }
        int[] out = new int[dims.size() - 1];
        for (int i = 0; i < out.length; i++) {
            Object d = dims.get(i + 1);
            if (d != null && !(d instanceof Integer n && n > 0)) {
                throw new KerasFormatError("InputLayer '" + config.get("name") + "': dimension " + d
                        + " must be a positive integer or None");
            }
            out[i] = d == null ? -1 : (Integer) d;
        }
        return out;
    }

    /** Keras' name for a layer's weight group in a {@code .keras} archive: its class in snake case. */
    static String snakeCase(String className) {
        String s = className.replaceAll("\\W+", "");
        s = s.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        s = s.replaceAll("([a-z])([A-Z])", "$1_$2");
        return s.toLowerCase(Locale.ROOT);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String what) {
        if (!(value instanceof Map<?, ?>)) {
            throw new KerasFormatError(what + " must be an object, got " + shorten(value));
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static <T> List<T> list(Object value, String what) {
        if (!(value instanceof List<?>)) {
            throw new KerasFormatError(what + " must be an array, got " + shorten(value));
        }
        return (List<T>) value;
    }

    static String shorten(Object value) {
        String text = String.valueOf(value);
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
