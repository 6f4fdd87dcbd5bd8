package org.neurite.keras;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neurite.nn.Input;
import org.neurite.nn.Layer;
import org.neurite.nn.SymbolicTensor;

/**
 * One Keras model config, Sequential or functional, as Neurite layers made once and a graph that can
 * be applied to symbolic tensors any number of times. The outermost model is applied once, to its
 * inputs. A model used as a layer of another (a nested model) is flattened: it is applied at each of
 * its calls, its inputs bound to the tensors the call passes and its outputs standing for the call's,
 * so that two calls share its layers, and so their weights, as in Keras.
 *
 * <p>A functional graph is rebuilt node by node from each layer's {@code inbound_nodes}, whose
 * {@code keras_history [layer, node, tensor]} names the call that made each input (indices local to
 * the model that holds the node), so shared layers are called once per node. A Sequential graph
 * calls its layers one after the other. What a Neurite graph cannot hold is refused: call arguments
 * other than the inputs (such as an explicit {@code mask}, unless it is the one Neurite carries).
 */
final class KerasGraph {
    /**
     * One entry of a model's {@code layers}: an InputLayer or a mask operation (both without a
     * layer), a layer (with its Neurite layer), or a nested model (with its graph).
     */
    record Entry(String kerasName, String className, Map<String, Object> raw, Layer layer, KerasGraph model) {
        boolean isInput() {
            return className.equals("InputLayer");
        }
    }

    private final String name;
    private final boolean sequential;
    private final Map<String, Object> config;
    private final List<Entry> entries;

    private KerasGraph(String name, boolean sequential, Map<String, Object> config, List<Entry> entries) {
        this.name = name;
        this.sequential = sequential;
        this.config = config;
        this.entries = entries;
    }

    /** Whether a layer entry of this class is a model (Sequential or functional). */
    static boolean isModel(String className) {
        return className.equals("Sequential") || className.equals("Functional") || className.equals("Model");
    }

    /**
     * The graph of the model config {@code root} ({@code {"class_name": .., "config": ..}}), its
     * layers made and named by {@code names}; {@code nestedIn} is the Neurite name of the nested
     * model this config is, or null for the outermost one.
     */
    static KerasGraph parse(Map<String, Object> root, LayerNaming names, String nestedIn) {
        String className = String.valueOf(root.get("class_name"));
        if (!isModel(className)) {
            throw new KerasFormatError("model class '" + className
                    + "' cannot be imported; Sequential and functional models can (subclassed models hold Python code)");
        }
        Map<String, Object> config = KerasModelConfig.map(root.get("config"), "model config");
        String name = nestedIn != null ? nestedIn : String.valueOf(config.get("name"));
        List<Map<String, Object>> layers = KerasModelConfig.list(config.get("layers"), "model '" + name + "' 'layers'");
        List<String> neuriteNames = claimNames(layers, names, nestedIn);   // this model's names before its nested models'
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            entries.add(entry(layers.get(i), neuriteNames.get(i), names));
        }
        return new KerasGraph(name, className.equals("Sequential"), config, List.copyOf(entries));
    }

    private static List<String> claimNames(List<Map<String, Object>> layers, LayerNaming names, String nestedIn) {
        Set<String> here = new HashSet<>();
        List<String> out = new ArrayList<>();
        for (Map<String, Object> entry : layers) {
            String className = String.valueOf(entry.get("class_name"));
            String kerasName = kerasName(entry);
            if (!here.add(kerasName)) {
                throw new KerasFormatError("two layers are named '" + kerasName + "'"
                        + (nestedIn == null ? "" : " in nested model '" + nestedIn + "'"));
            }
            boolean named = !className.equals("InputLayer") && !MaskOps.isMaskOp(className);
            out.add(named ? names.claim(kerasName, nestedIn) : kerasName);
        }
        return out;
    }

    private static Entry entry(Map<String, Object> entry, String neuriteName, LayerNaming names) {
        String className = String.valueOf(entry.get("class_name"));
        String kerasName = kerasName(entry);
        if (className.equals("InputLayer") || MaskOps.isMaskOp(className)) {
            return new Entry(kerasName, className, entry, null, null);
        }
        KerasLayerConfig.requireBuiltIn(entry, className, kerasName);
        if (isModel(className)) {
            return new Entry(kerasName, className, entry, null, parse(entry, names, neuriteName));
        }
        Map<String, Object> layerConfig = new LinkedHashMap<>(KerasModelConfig.map(entry.get("config"), "layer entry"));
        layerConfig.put("name", neuriteName);
        Layer layer = KerasLayerConfig.toLayer(className, layerConfig, CallArguments.first(entry));
        return new Entry(kerasName, className, entry, layer, null);
    }

    private static String kerasName(Map<String, Object> entry) {
        Object name = entry.get("name");
        if (name == null && entry.get("config") instanceof Map<?, ?> config) {
            name = config.get("name");
        }
        return String.valueOf(name);
    }

    /** The model's Neurite name (its Keras name unless it was nested under a taken name). */
    String name() {
        return name;
    }

    boolean sequential() {
        return sequential;
    }

    /** The entries of the model's {@code layers}, in the config's order. */
    List<Entry> entries() {
        return entries;
    }

    /** Whether this model and every model nested in it are Sequential: then its layers form one chain. */
    boolean isChain() {
        return sequential && entries.stream().allMatch(e -> e.model() == null || e.model().isChain());
    }

    /** The layers of a chain ({@link #isChain}) in calling order, nested models' layers in their place. */
    List<Layer> chainLayers() {
        List<Layer> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.model() != null) {
                out.addAll(e.model().chainLayers());
            } else if (e.layer() != null) {
                out.add(e.layer());
            }
        }
        return out;
    }

    /** The shape (without the batch axis) of a Sequential model's InputLayer, or null if it has none. */
    int[] sequentialInputShape() {
        return entries.stream().filter(Entry::isInput).findFirst()
                .map(e -> KerasModelConfig.inputShape(KerasModelConfig.map(e.raw().get("config"), "InputLayer")))
                .orElse(null);
    }

    /**
     * The InputLayers of a functional model as Neurite inputs, in the order of {@code input_layers}:
     * what the outermost model is applied to.
     */
    List<SymbolicTensor> modelInputs() {
        Map<String, SymbolicTensor> byName = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (e.isInput()) {
                byName.put(e.kerasName(), Input.named(e.kerasName(),
                        KerasModelConfig.inputShape(KerasModelConfig.map(e.raw().get("config"), "InputLayer"))));
            }
        }
        List<SymbolicTensor> inputs = new ArrayList<>();
        for (String inputName : inputNames()) {
            SymbolicTensor input = byName.get(inputName);
            if (input == null) {
                throw new KerasFormatError("model '" + name + "': its input_layers name '" + inputName
                        + "', which is not one of its InputLayers " + byName.keySet());
            }
            inputs.add(input);
        }
        return inputs;
    }

    /**
     * Applies the model to {@code inputs} (in its input order), adding a call of each of its layers
     * to the graph; returns the calls, by Keras layer name, each call's outputs in order.
     */
    Calls apply(List<SymbolicTensor> inputs) {
        return sequential ? applyChain(inputs) : applyGraph(inputs);
    }

    /** The tensors each layer's calls made in one application of a model, by the layer's Keras name. */
    record Calls(Map<String, List<List<SymbolicTensor>>> byLayer, List<SymbolicTensor> outputs) {
        /** The first output of the layer's first call, or null if it was never called. */
        SymbolicTensor first(String kerasName) {
            List<List<SymbolicTensor>> calls = byLayer.get(kerasName);
            return calls == null || calls.isEmpty() || calls.get(0).isEmpty() ? null : calls.get(0).get(0);
        }
    }

    private Calls applyChain(List<SymbolicTensor> inputs) {
        if (inputs.size() != 1) {
            throw new KerasFormatError("Sequential model '" + name + "' is called on " + inputs.size()
                    + " tensors; it takes one");
        }
        SymbolicTensor x = inputs.get(0);
        Map<String, List<List<SymbolicTensor>>> calls = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (e.isInput()) {
                continue;
            }
            List<SymbolicTensor> out = e.model() != null ? e.model().apply(List.of(x)).outputs()
                    : SymbolicTensor.applyAll(e.layer(), x);
            if (out.size() != 1) {
                throw new KerasFormatError("layer '" + e.kerasName() + "' of Sequential model '" + name + "' has "
                        + out.size() + " outputs; a Sequential model passes one tensor from layer to layer");
            }
            calls.put(e.kerasName(), List.of(out));
            x = out.get(0);
        }
        return new Calls(calls, List.of(x));
    }

    private Calls applyGraph(List<SymbolicTensor> inputs) {
        List<String> inputNames = inputNames();
        if (inputs.size() != inputNames.size()) {
            throw new KerasFormatError("model '" + name + "' is called on " + inputs.size() + " tensors; it takes "
                    + inputNames.size() + " " + inputNames);
        }
        Map<String, List<List<SymbolicTensor>>> calls = new HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            calls.put(inputNames.get(i), List.of(List.of(inputs.get(i))));
        }
        MaskOps masks = new MaskOps();
        for (Entry e : entries) {
            String layerName = e.kerasName();
            if (MaskOps.isMaskOp(e.className())) {
                masks.read(e.className(), layerName, e.raw(), history -> tensor(history, "operation '" + layerName + "'",
                        calls));
            } else if (e.isInput()) {
                if (!calls.containsKey(layerName)) {
                    throw new KerasFormatError("model '" + name + "': InputLayer '" + layerName
                            + "' is not one of its input_layers " + inputNames);
                }
            } else {
                calls.put(layerName, callsOf(e, calls, masks));
            }
        }
        List<SymbolicTensor> outputs = tensors(config.get("output_layers"), "output_layers", calls);
        return new Calls(calls, outputs);
    }

    /** Every call the entry's {@code inbound_nodes} record, each call's outputs in order. */
    private List<List<SymbolicTensor>> callsOf(Entry e, Map<String, List<List<SymbolicTensor>>> calls, MaskOps masks) {
        String layerName = e.kerasName();
        List<List<SymbolicTensor>> made = new ArrayList<>();
        for (Object node : KerasModelConfig.list(e.raw().get("inbound_nodes"), "layer '" + layerName
                + "' inbound_nodes")) {
            SymbolicTensor[] in = node instanceof List<?> keras2 ? keras2NodeInputs(keras2, layerName, calls)
                    : nodeInputs(KerasModelConfig.map(node, "layer '" + layerName + "' node"), e.layer(), layerName,
                    calls, masks);
            made.add(e.model() != null ? e.model().apply(List.of(in)).outputs() : SymbolicTensor.applyAll(e.layer(), in));
        }
        return made;
    }

    private List<String> inputNames() {
        List<Object> entries = KerasModelConfig.list(config.get("input_layers"), "model '" + name + "' input_layers");
        if (!entries.isEmpty() && !(entries.get(0) instanceof List<?>)) {
            entries = List.of(entries);   // a single [layer, node, tensor]
        }
        List<String> out = new ArrayList<>();
        for (Object entry : entries) {
            out.add(String.valueOf(KerasModelConfig.list(entry, "model '" + name + "' input_layers").get(0)));
        }
        return out;
    }

    /**
     * The tensors a node was called on: its positional arguments, each one tensor or a list of
     * them, then the tensors given by keyword where Neurite takes them as inputs (a recurrent
     * layer's {@code initial_state}, the attention layers' {@code key}, the transformer decoder's
     * {@code encoder_sequence}). {@code layer} is null for a nested model.
     */
    private static SymbolicTensor[] nodeInputs(Map<String, Object> node, Layer layer, String name,
                                               Map<String, List<List<SymbolicTensor>>> calls, MaskOps masks) {
        List<Object> args = KerasModelConfig.list(node.get("args"), "layer '" + name + "' node args");
        List<Object> tensors = new ArrayList<>();
        for (Object arg : args) {
            if (arg instanceof List<?> many) {
                tensors.addAll(many);
            } else {
                tensors.add(arg);
            }
        }
        Map<Object, Object> kwargs = node.get("kwargs") instanceof Map<?, ?> k ? new HashMap<>(k) : new HashMap<>();
        for (String key : List.of("initial_state", "key", "encoder_sequence")) {
            Object tensor = layer == null ? null : kwargs.remove(key);
            if (tensor instanceof List<?> many) {
                tensors.addAll(many);
            } else if (tensor != null) {
                tensors.add(tensor);
            }
        }
        SymbolicTensor[] out = new SymbolicTensor[tensors.size()];
        for (int i = 0; i < out.length; i++) {
            Map<String, Object> tensor = KerasModelConfig.map(tensors.get(i), "layer '" + name + "' input");
            if (!"__keras_tensor__".equals(tensor.get("class_name"))) {
                throw new KerasFormatError("layer '" + name + "': argument " + KerasModelConfig.shorten(tensor)
                        + " is not a tensor; only tensors can be passed positionally");
            }
            Map<String, Object> tensorConfig = KerasModelConfig.map(tensor.get("config"), "layer '" + name + "' input");
            out[i] = tensor(KerasModelConfig.list(tensorConfig.get("keras_history"), "keras_history"), name, calls);
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
                                                     Map<String, List<List<SymbolicTensor>>> calls) {
        SymbolicTensor[] out = new SymbolicTensor[node.size()];
        for (int i = 0; i < out.length; i++) {
            List<Object> history = KerasModelConfig.list(node.get(i), "layer '" + layer + "' inbound node");
            if (history.size() == 4) {
                CallArguments.require(null, layer, history.get(3) instanceof Map<?, ?> k ? k : Map.of());
                history = history.subList(0, 3);
            }
            out[i] = tensor(history, layer, calls);
        }
        return out;
    }

    private List<SymbolicTensor> tensors(Object value, String key, Map<String, List<List<SymbolicTensor>>> calls) {
        List<Object> entries = KerasModelConfig.list(value, "model '" + name + "' " + key);
        if (!entries.isEmpty() && !(entries.get(0) instanceof List<?>)) {
            entries = List.of(entries);   // a single [layer, node, tensor]
        }
        List<SymbolicTensor> out = new ArrayList<>();
        for (Object entry : entries) {
            out.add(tensor(KerasModelConfig.list(entry, key), "model '" + name + "' " + key, calls));
        }
        return out;
    }

    /** The tensor {@code [layer, node, tensor]} refers to, which must already have been made. */
    private static SymbolicTensor tensor(List<Object> history, String user,
                                         Map<String, List<List<SymbolicTensor>>> calls) {
        if (history.size() != 3 || !(history.get(1) instanceof Number node) || !(history.get(2) instanceof Number t)) {
            throw new KerasFormatError(user + ": malformed keras_history " + history);
        }
        String layer = String.valueOf(history.get(0));
        List<List<SymbolicTensor>> made = calls.get(layer);
        if (made == null || node.intValue() < 0 || node.intValue() >= made.size()) {
            throw new KerasFormatError(user + ": uses call " + node + " of layer '" + layer
                    + "', which does not come before it in the file");
        }
        List<SymbolicTensor> outputs = made.get(node.intValue());
        if (t.intValue() < 0 || t.intValue() >= outputs.size()) {
            throw new KerasFormatError(user + ": uses output " + t + " of layer '" + layer + "', which has "
                    + outputs.size() + " outputs there");
        }
        return outputs.get(t.intValue());
    }
}
