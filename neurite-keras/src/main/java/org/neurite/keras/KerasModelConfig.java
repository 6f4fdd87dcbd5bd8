package org.neurite.keras;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * from each layer's {@code inbound_nodes}, whose {@code keras_history [layer, node, tensor]} names
 * the call that made each input, so shared layers are called once per node. What a Neurite graph
 * cannot hold is refused: nested models, and call arguments other than the inputs (such as an
 * explicit {@code mask}). A layer with several outputs (return_state) gives each its own tensor.
 *
 * @param network the model, not yet built
 * @param layers its layers in Keras' {@code model.layers} order (a functional model's InputLayers
 *     included), each with its Keras name and, in a functional model, the tensor of its first call
 */
record KerasModelConfig(Network network, List<Imported> layers) {
    /**
     * A Keras layer as imported: the Neurite layer (null for an InputLayer), its Keras name, its
     * class name, and the shape of its (first) input without the batch axis.
     */
    record Imported(Layer layer, String kerasName, String className, int[] inputShape, SymbolicTensor output) {
    }

    /** Reads the model config {@code root} ({@code {"class_name": .., "config": ..}}). */
    static KerasModelConfig read(Map<String, Object> root) {
        String className = String.valueOf(root.get("class_name"));
        Map<String, Object> config = map(root.get("config"), "model config");
        List<Map<String, Object>> layers = list(config.get("layers"), "model config 'layers'");
        return switch (className) {
            case "Sequential" -> sequential(layers);
            case "Functional", "Model" -> functional(config, layers);
            default -> throw new KerasFormatError("model class '" + className
                    + "' cannot be imported; Sequential and functional models can (subclassed models hold Python code)");
        };
    }

    private static KerasModelConfig sequential(List<Map<String, Object>> entries) {
        int[] inputShape = null;
        int[] current = null;
        List<Imported> layers = new ArrayList<>();
        for (Map<String, Object> entry : entries) {
            String className = String.valueOf(entry.get("class_name"));
            Map<String, Object> config = map(entry.get("config"), "layer entry");
            if (className.equals("InputLayer")) {
                inputShape = inputShape(config);
                current = inputShape;
                continue;
            }
            refuseNested(className, config);
            KerasLayerConfig.requireBuiltIn(entry, className, String.valueOf(config.get("name")));
            if (current == null) {
                throw new KerasFormatError("Sequential model without an InputLayer first: its input shape is unknown;"
                        + " build the model on an input (keras.Input) in Keras and save again");
            }
            Layer layer = KerasLayerConfig.toLayer(className, config);
            layers.add(new Imported(layer, String.valueOf(config.get("name")), className, current, null));
            current = layer.outputShape(current);
        }
        if (inputShape == null) {
            throw new KerasFormatError("Sequential model without an InputLayer: its input shape is unknown; build the"
                    + " model on an input (keras.Input) in Keras and save again");
        }
        Network network = SequentialNetwork.of(Input.of(inputShape),
                layers.stream().map(Imported::layer).toArray(Layer[]::new));
        return new KerasModelConfig(network, layers);
    }

    private static KerasModelConfig functional(Map<String, Object> config, List<Map<String, Object>> entries) {
        Map<String, List<SymbolicTensor>> callsByLayer = new HashMap<>();
        Map<String, SymbolicTensor> inputsByName = new LinkedHashMap<>();
        Map<String, Layer> byName = new HashMap<>();
        List<Imported> layers = new ArrayList<>();
        MaskOps masks = new MaskOps();
        for (Map<String, Object> entry : entries) {
            String className = String.valueOf(entry.get("class_name"));
            Map<String, Object> layerConfig = map(entry.get("config"), "layer entry");
            String name = String.valueOf(entry.get("name") != null ? entry.get("name") : layerConfig.get("name"));
            if (byName.containsKey(name) || inputsByName.containsKey(name)) {
                throw new KerasFormatError("two layers are named '" + name + "'");
            }
            if (MaskOps.isMaskOp(className)) {
                masks.read(className, name, entry, history -> tensor(history, "operation '" + name + "'", callsByLayer));
                continue;
            }
            if (className.equals("InputLayer")) {
                SymbolicTensor input = Input.named(name, inputShape(layerConfig));
                inputsByName.put(name, input);
                callsByLayer.put(name, List.of(input));
                layers.add(new Imported(null, name, className, input.shape(), input));
                continue;
            }
            refuseNested(className, layerConfig);
            KerasLayerConfig.requireBuiltIn(entry, className, name);
            Layer layer = KerasLayerConfig.toLayer(className, layerConfig, CallArguments.first(entry));
            byName.put(name, layer);
            List<SymbolicTensor> calls = new ArrayList<>();
            int[] firstInput = null;
            for (Object node : list(entry.get("inbound_nodes"), "layer '" + name + "' inbound_nodes")) {
                SymbolicTensor[] in = node instanceof List<?> keras2 ? keras2NodeInputs(keras2, name, callsByLayer)
                        : nodeInputs(map(node, "layer '" + name + "' node"), layer, name, callsByLayer, masks);
                firstInput = firstInput != null || in.length == 0 ? firstInput : in[0].shape();
                calls.add(SymbolicTensor.applyAll(layer, in).get(0));   // the call; its other outputs via callOutputs
            }
            layers.add(new Imported(layer, name, className, firstInput == null ? new int[0] : firstInput,
                    calls.isEmpty() ? null : calls.get(0)));
            callsByLayer.put(name, calls);
        }
        List<SymbolicTensor> inputs = tensors(config.get("input_layers"), "input_layers", callsByLayer);
        List<SymbolicTensor> outputs = tensors(config.get("output_layers"), "output_layers", callsByLayer);
        return new KerasModelConfig(Network.functional(inputs, outputs), layers);
    }

    /**
     * The tensors a node was called on: its positional arguments, each one tensor or a list of
     * them, then the tensors given by keyword where Neurite takes them as inputs (the attention
     * layers' {@code key}, the transformer decoder's {@code encoder_sequence}).
     */
    private static SymbolicTensor[] nodeInputs(Map<String, Object> node, Layer layer, String name,
                                               Map<String, List<SymbolicTensor>> calls, MaskOps masks) {
        List<Object> args = list(node.get("args"), "layer '" + name + "' node args");
        List<Object> tensors = new ArrayList<>();
        for (Object arg : args) {
            if (arg instanceof List<?> many) {
                tensors.addAll(many);
            } else {
                tensors.add(arg);
            }
        }
        Map<Object, Object> kwargs = node.get("kwargs") instanceof Map<?, ?> k ? new HashMap<>(k) : new HashMap<>();
        for (String key : List.of("key", "encoder_sequence")) {
            Object tensor = kwargs.remove(key);
            if (tensor != null) {
                tensors.add(tensor);
            }
        }
        SymbolicTensor[] out = new SymbolicTensor[tensors.size()];
        for (int i = 0; i < out.length; i++) {
            Map<String, Object> tensor = map(tensors.get(i), "layer '" + name + "' input");
            if (!"__keras_tensor__".equals(tensor.get("class_name"))) {
                throw new KerasFormatError("layer '" + name + "': argument " + shorten(tensor) + " is not a tensor;"
                        + " only tensors can be passed positionally");
            }
            Map<String, Object> tensorConfig = map(tensor.get("config"), "layer '" + name + "' input");
            out[i] = tensor(list(tensorConfig.get("keras_history"), "keras_history"), name, calls);
        }
        if (kwargs.get("mask") != null) {
            masks.check(kwargs.remove("mask"), out.length == 1 ? out[0] : null, name);
        }
        CallArguments.require(layer, name, kwargs);
        return out;
    }

    /**
     * A Keras 2 / tf.keras node: a list of {@code [layer, node, tensor, kwargs]}, one per input, as
     * legacy {@code .h5} files hold them.
     */
    private static SymbolicTensor[] keras2NodeInputs(List<?> node, String layer,
                                                     Map<String, List<SymbolicTensor>> calls) {
        SymbolicTensor[] out = new SymbolicTensor[node.size()];
        for (int i = 0; i < out.length; i++) {
            List<Object> history = list(node.get(i), "layer '" + layer + "' inbound node");
            if (history.size() == 4) {
                CallArguments.require(null, layer, history.get(3) instanceof Map<?, ?> k ? k : Map.of());
                history = history.subList(0, 3);
            }
            out[i] = tensor(history, layer, calls);
        }
        return out;
    }

    private static List<SymbolicTensor> tensors(Object value, String key, Map<String, List<SymbolicTensor>> calls) {
        List<Object> entries = list(value, "model config '" + key + "'");
        if (!entries.isEmpty() && !(entries.get(0) instanceof List<?>)) {
            entries = List.of(entries);   // a single [layer, node, tensor]
        }
        List<SymbolicTensor> out = new ArrayList<>();
        for (Object entry : entries) {
            out.add(tensor(list(entry, key), "model " + key, calls));
        }
        return out;
    }

    /** The tensor {@code [layer, node, tensor]} refers to, which must already have been made. */
    private static SymbolicTensor tensor(List<Object> history, String user, Map<String, List<SymbolicTensor>> calls) {
        if (history.size() != 3 || !(history.get(1) instanceof Number node) || !(history.get(2) instanceof Number t)) {
            throw new KerasFormatError(user + ": malformed keras_history " + history);
        }
        String layer = String.valueOf(history.get(0));
        List<SymbolicTensor> made = calls.get(layer);
        if (made == null || node.intValue() < 0 || node.intValue() >= made.size()) {
            throw new KerasFormatError(user + ": uses call " + node + " of layer '" + layer
                    + "', which does not come before it in the file");
        }
        List<SymbolicTensor> outputs = made.get(node.intValue()).callOutputs();
        if (t.intValue() < 0 || t.intValue() >= outputs.size()) {
            throw new KerasFormatError(user + ": uses output " + t + " of layer '" + layer + "', which has "
                    + outputs.size() + " outputs there");
        }
        return outputs.get(t.intValue());
    }

    private static int[] inputShape(Map<String, Object> config) {
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

    private static void refuseNested(String className, Map<String, Object> config) {
        if (className.equals("Sequential") || className.equals("Functional") || className.equals("Model")) {
            throw new KerasFormatError("layer '" + config.get("name") + "' (" + className
                    + "): nested models cannot be imported yet; flatten the model in Keras and save again");
        }
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

    private static String shorten(Object value) {
        String text = String.valueOf(value);
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
