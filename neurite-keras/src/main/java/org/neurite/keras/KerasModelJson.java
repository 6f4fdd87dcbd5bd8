package org.neurite.keras;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neurite.nn.FunctionalNetwork;
import org.neurite.nn.Layer;
import org.neurite.nn.Network;
import org.neurite.nn.Regularizer;
import org.neurite.nn.SequentialNetwork;
import org.neurite.nn.SymbolicTensor;
import org.neurite.nn.layers.BaseDenseAttention;
import org.neurite.nn.layers.Bidirectional;
import org.neurite.nn.layers.Merge;
import org.neurite.nn.layers.RNN;
import org.neurite.nn.layers.RecurrentLayer;

/**
 * A Neurite model as the Keras 3 model config of {@code config.json}: Sequential, or functional
 * with each layer's {@code inbound_nodes}. Neurite's layer configs already use Keras' keys; here
 * regularizers become {@code L1L2} objects, {@code trainable} and {@code dtype} are added, the
 * attention layers' {@code use_causal_mask} and {@code return_attention_scores} go back to the call
 * where Keras keeps them, and KerasHub's layers name KerasHub's modules. A functional model's layers
 * are listed in the order Keras will give {@code model.layers} ({@link KerasGraphOrder}), which is
 * also the order of the weight file's groups.
 *
 * @param root the model config
 * @param layers the layers in Keras' {@code model.layers} order, InputLayers left out
 */
record KerasModelJson(Map<String, Object> root, List<Layer> layers) {
    /** KerasHub's layers and the modules that define them. */
    private static final Map<String, String> KERAS_HUB = Map.of(
            "TransformerEncoder", "keras_hub.src.layers.modeling.transformer_encoder",
            "TransformerDecoder", "keras_hub.src.layers.modeling.transformer_decoder",
            "TokenAndPositionEmbedding", "keras_hub.src.layers.modeling.token_and_position_embedding",
            "PositionEmbedding", "keras_hub.src.layers.modeling.position_embedding",
            "SinePositionEncoding", "keras_hub.src.layers.modeling.sine_position_encoding");

    /** Keras layers whose constructor takes no {@code trainable} (their config leaves it out). */
    private static final Set<String> WITHOUT_TRAINABLE = Set.of("SpatialDropout1D");

    /** Neurite layer options that are call arguments in Keras. */
    private static final Set<String> CALL_OPTIONS = Set.of("use_causal_mask", "return_attention_scores");

    /**
     * The config of {@code model}, which must be built.
     *
     * @throws IllegalArgumentException naming the layer, for what Keras cannot represent
     */
    static KerasModelJson of(Network model) {
        return switch (model) {
            case SequentialNetwork s -> {
                FunctionalNetwork chained = firstOutputChain(s);
                yield chained == null ? sequential(s) : functional(chained);
            }
            case FunctionalNetwork f -> functional(f);
            default -> throw new IllegalArgumentException("model '" + model.name() + "' (" + model.type()
                    + "): only Sequential and functional models can be exported to Keras");
        };
    }

    /**
     * A Sequential model whose layers include one with several outputs (a recurrent layer with
     * return_state) as the functional chain it computes, each layer reading the first output of the
     * one before: Neurite's Sequential passes that output on, while Keras' would pass the whole list.
     * Null when every layer has one output.
     */
    private static FunctionalNetwork firstOutputChain(SequentialNetwork model) {
        SymbolicTensor input = org.neurite.nn.Input.named("input_layer", model.inputShapes().get(0));
        SymbolicTensor x = input;
        boolean several = false;
        for (Layer layer : model.layers()) {
            List<SymbolicTensor> outputs = SymbolicTensor.applyAll(layer, x);
            several |= outputs.size() > 1;
            x = outputs.get(0);
        }
        return several ? (FunctionalNetwork) Network.functional(List.of(input), List.of(x)) : null;
    }

    private static KerasModelJson sequential(SequentialNetwork model) {
        List<Object> batchShape = batchShape(model.inputShapes().get(0));
        List<Object> layers = new ArrayList<>();
        layers.add(inputLayer("input_layer", batchShape));
        for (Layer layer : model.layers()) {
            Map<String, Object> object = layerObject(layer);
            if (!callArguments(layer).isEmpty()) {
                throw new IllegalArgumentException("layer '" + layer.name() + "' (" + layer.type() + "): "
                        + callArguments(layer) + " is a call argument in Keras, which a Sequential model cannot pass;"
                        + " use a functional model");
            }
            layers.add(object);
        }
        Map<String, Object> config = modelConfig(model);
        config.put("layers", layers);
        Map<String, Object> root = object("keras", "Sequential", config);
        root.put("build_config", Map.of("input_shape", batchShape));
        return new KerasModelJson(root, model.layers());
    }

    private static KerasModelJson functional(FunctionalNetwork model) {
        List<Object> order = KerasGraphOrder.of(model);
        Map<Object, String> names = new IdentityHashMap<>();
        Map<String, Integer> used = new java.util.HashMap<>();
        for (Object op : order) {
            String name = op instanceof Layer layer ? layer.name() : ((SymbolicTensor) op).inputName();
            names.put(op, KerasWeights.uniqueName(name == null ? "input_layer" : name, used));
        }
        Map<SymbolicTensor, Integer> nodeIndex = new IdentityHashMap<>();
        Map<Layer, List<Object>> nodes = new IdentityHashMap<>();
        for (SymbolicTensor t : model.graph()) {
            if (!t.isInput() && t.node() == t) {
                List<Object> calls = nodes.computeIfAbsent(t.layer(), k -> new ArrayList<>());
                nodeIndex.put(t, calls.size());
                calls.add(null);   // filled below, once every call's index is known
            }
        }
        for (SymbolicTensor t : model.graph()) {
            if (!t.isInput() && t.node() == t) {
                nodes.get(t.layer()).set(nodeIndex.get(t), node(t, names, nodeIndex));
            }
        }
        List<Object> layers = new ArrayList<>();
        List<Layer> weighted = new ArrayList<>();
        for (Object op : order) {
            if (op instanceof Layer layer) {
                Map<String, Object> entry = layerObject(layer);
                entry.put("name", names.get(op));
                entry.put("inbound_nodes", nodes.get(layer));
                layers.add(entry);
                weighted.add(layer);
            } else {
                SymbolicTensor input = (SymbolicTensor) op;
                Map<String, Object> entry = inputLayer(names.get(op), batchShape(input.shape()));
                entry.put("name", names.get(op));
                entry.put("inbound_nodes", List.of());
                layers.add(entry);
            }
        }
        Map<String, Object> config = modelConfig(model);
        config.put("layers", layers);
        config.put("input_layers", model.inputs().stream().map(t -> history(t, names, nodeIndex)).toList());
        config.put("output_layers", model.outputs().stream().map(t -> history(t, names, nodeIndex)).toList());
        Map<String, Object> root = object("keras.src.models.functional", "Functional", config);
        root.put("registered_name", "Functional");   // as Keras 3 writes it; load_model needs both
        root.put("build_config", java.util.Collections.singletonMap("input_shape", null));
        return new KerasModelJson(root, weighted);
    }

    /** One call: its input tensors as Keras' {@code args} (a list for merges and dense attention), and its call arguments. */
    private static Map<String, Object> node(SymbolicTensor call, Map<Object, String> names,
                                            Map<SymbolicTensor, Integer> nodeIndex) {
        List<Object> tensors = new ArrayList<>();
        for (SymbolicTensor input : call.inputs()) {
            tensors.add(kerasTensor(input, names, nodeIndex));
        }
        Layer layer = call.layer();
        boolean listInput = layer instanceof Merge || layer instanceof BaseDenseAttention;
        Map<String, Object> kwargs = callArguments(layer);
        if (takesInitialState(layer) && tensors.size() > 1) {
            // Keras reads a second positional tensor as the mask: states go by keyword
            kwargs.put("initial_state", new ArrayList<>(tensors.subList(1, tensors.size())));
            tensors = List.of(tensors.get(0));
        }
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("args", listInput ? List.of(tensors) : tensors);
        node.put("kwargs", kwargs);
        return node;
    }

    private static boolean takesInitialState(Layer layer) {
        return layer instanceof RecurrentLayer || layer instanceof RNN || layer instanceof Bidirectional;
    }

    /** The layer's options that Keras takes as call arguments, where they differ from Keras' defaults. */
    private static Map<String, Object> callArguments(Layer layer) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (KerasLayerConfig.CAUSAL_OPTION.contains(layer.type())) {
            for (String key : CALL_OPTIONS) {
                if (Boolean.TRUE.equals(layer.config().get(key))) {
                    out.put(key, true);
                }
            }
        }
        return out;
    }

    private static Map<String, Object> kerasTensor(SymbolicTensor t, Map<Object, String> names,
                                                   Map<SymbolicTensor, Integer> nodeIndex) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("shape", batchShape(t.shape()));
        config.put("dtype", "float32");
        config.put("keras_history", history(t, names, nodeIndex));
        Map<String, Object> tensor = new LinkedHashMap<>();
        tensor.put("class_name", "__keras_tensor__");
        tensor.put("config", config);
        return tensor;
    }

    /** Keras' {@code [layer name, node index, tensor index]} of {@code t}. */
    private static List<Object> history(SymbolicTensor t, Map<Object, String> names,
                                        Map<SymbolicTensor, Integer> nodeIndex) {
        if (t.isInput()) {
            return List.of(names.get(t), 0, 0);
        }
        return List.of(names.get(t.layer()), nodeIndex.get(t.node()), t.outputIndex());
    }

    private static Map<String, Object> modelConfig(Network model) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", model.name());
        config.put("trainable", true);
        config.put("dtype", "float32");
        return config;
    }

    private static Map<String, Object> inputLayer(String name, List<Object> batchShape) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("batch_shape", batchShape);
        input.put("dtype", "float32");
        input.put("sparse", false);
        input.put("name", name);
        return object("keras.layers", "InputLayer", input);
    }

    private static List<Object> batchShape(int[] shape) {
        List<Object> batchShape = new ArrayList<>();
        batchShape.add(null);
        for (int d : shape) {
            batchShape.add(d < 0 ? null : d);
        }
        return batchShape;
    }

    private static Map<String, Object> layerObject(Layer layer) {
        Map<String, Object> config = layer.config();
        if (layer instanceof Bidirectional b && !config.containsKey("backward_layer")) {
            // Keras always writes the backward layer; its own default clone would read backwards
            // even where Neurite's mirror of a go_backwards forward layer reads forwards.
            Map<String, Object> backward = new LinkedHashMap<>();
            backward.put("class_name", b.backwardLayer().type());
            backward.put("config", b.backwardLayer().config());
            config.put("backward_layer", backward);
        }
        return layerObject(layer.type(), config);
    }

    private static Map<String, Object> layerObject(String type, Map<String, Object> config) {
        String kerasClass = KerasLayerConfig.kerasClassName(type);
        String hubModule = KERAS_HUB.get(type);
        Map<String, Object> object = object(hubModule == null ? "keras.layers" : hubModule, kerasClass,
                kerasConfig(type, config));
        if (hubModule != null) {
            object.put("registered_name", "keras_hub>" + kerasClass);
        }
        return object;
    }

    /** A Neurite layer config as Keras reads it. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> kerasConfig(String type, Map<String, Object> neurite) {
        String where = "layer '" + neurite.get("name") + "' (" + type + ")";
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", neurite.get("name"));
        if (!WITHOUT_TRAINABLE.contains(type)) {
            out.put("trainable", true);
        }
        out.put("dtype", "float32");
        for (Map.Entry<String, Object> e : neurite.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            if (key.equals("name") || KerasLayerConfig.CAUSAL_OPTION.contains(type) && CALL_OPTIONS.contains(key)) {
                continue;
            }
            switch (key) {
                case "truncate_bptt" -> {
                    if (!Integer.valueOf(0).equals(value)) {
                        throw new IllegalArgumentException(where + ": truncate_bptt " + value
                                + " cannot be exported; Keras has no truncated backpropagation");
                    }
                }
                case "merge_mode" -> out.put(key, "none".equals(value) ? null : value);   // Keras writes None
                case "layer", "backward_layer" -> {
                    Map<String, Object> inner = (Map<String, Object>) value;
                    out.put(key, layerObject((String) inner.get("class_name"), (Map<String, Object>) inner.get("config")));
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
}
