package org.neurite.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neurite.nn.FunctionalNetwork;
import org.neurite.nn.Input;
import org.neurite.nn.Layer;
import org.neurite.nn.Network;
import org.neurite.nn.SequentialNetwork;
import org.neurite.nn.SymbolicTensor;

/**
 * A model's architecture as JSON, without weights, and back. Two shapes of model are written:
 *
 * <pre>
 *   {"class_name": "Sequential", "config": {"name": .., "layers": [LAYER, ...]}, "input_shape": [784]}
 *   {"class_name": "Functional", "config": {"name": .., "layers": [LAYER, ...],
 *       "inputs": [{"name": "input", "shape": [784]}],
 *       "nodes": [{"layer": "dense", "inbound": [0]}, ...],
 *       "outputs": [2]}}
 *   LAYER = {"class_name": "Dense", "config": {the layer's config()}}
 * </pre>
 *
 * In a functional graph, tensors are numbered: the inputs first, then one per node, in order; a
 * node's {@code inbound} names earlier tensors only, so a file cannot describe a cycle. A layer that
 * appears in several nodes is shared. Nested models and layer types outside {@link LayerRegistry} are
 * refused when saving.
 *
 * <pre>{@code
 * ObjectNode json = Architecture.toJson(model);
 * Network again = Architecture.fromJson(JsonFields.of(json, "architecture"));   // not yet built
 * }</pre>
 */
final class Architecture {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Architecture() {
    }

    /** The architecture of {@code model}; refuses what a file could not hold. */
    static ObjectNode toJson(Network model) {
        ObjectNode json = NODES.objectNode();
        ObjectNode config = NODES.objectNode().put("name", model.name());
        config.set("layers", layersToJson(model.layers()));
        json.put("class_name", model.type());
        json.set("config", config);
        switch (model) {
            case SequentialNetwork s -> json.set("input_shape", ConfigJson.ints(s.inputShapes().get(0)));
            case FunctionalNetwork f -> graphToJson(f, config);
            default -> throw new IllegalArgumentException("model '" + model.name() + "' of type " + model.type()
                    + ": only Sequential and functional models can be saved");
        }
        return json;
    }

    private static ArrayNode layersToJson(List<Layer> layers) {
        if (layers.size() > ModelFileLimits.MAX_LAYERS) {
            throw new IllegalArgumentException("the model has " + layers.size() + " layers; model files hold at most "
                    + ModelFileLimits.MAX_LAYERS);
        }
        ArrayNode array = NODES.arrayNode();
        for (Layer layer : layers) {
            String where = "layer '" + layer.name() + "' (" + layer.type() + ")";
            // First the layer's own refusal (an RNN with a user-defined cell says why), then the registry's.
            Map<String, Object> layerConfig = layer instanceof Network ? null : layer.config();
            if (layer instanceof Network || !LayerRegistry.canHold(layer)) {
                throw new IllegalArgumentException(where + ": model files cannot hold this type yet; they hold "
                        + LayerRegistry.known());
            }
            ObjectNode entry = array.addObject().put("class_name", layer.type());
            entry.set("config", ConfigJson.toJson(layerConfig, where));
        }
        return array;
    }

    private static void graphToJson(FunctionalNetwork model, ObjectNode config) {
        Map<SymbolicTensor, Integer> ids = new IdentityHashMap<>();
        ArrayNode inputs = config.putArray("inputs");
        for (SymbolicTensor in : model.inputs()) {
            ids.put(in, ids.size());
            inputs.addObject().put("name", in.inputName()).set("shape", ConfigJson.ints(in.shape()));
        }
        // The model's own order puts every tensor after its inputs, so each node names earlier tensors only.
        ArrayNode nodes = config.putArray("nodes");
        for (SymbolicTensor t : model.graph()) {
            if (!ids.containsKey(t)) {
                ArrayNode inbound = NODES.arrayNode();
                t.inputs().forEach(in -> inbound.add(ids.get(in)));
                nodes.addObject().put("layer", t.layer().name()).set("inbound", inbound);
                ids.put(t, ids.size());
            }
        }
        if (nodes.size() > ModelFileLimits.MAX_LAYERS) {
            throw new IllegalArgumentException("model '" + model.name() + "' applies layers " + nodes.size()
                    + " times; model files hold at most " + ModelFileLimits.MAX_LAYERS + " nodes");
        }
        ArrayNode outputs = config.putArray("outputs");
        model.outputs().forEach(out -> outputs.add(ids.get(out)));
    }

    /** The model described by {@code json}, not yet built. */
    static Network fromJson(JsonFields json) {
        String className = json.text("class_name");
        JsonFields config = json.object("config");
        config.text("name");   // model names are fixed by their class (sequential, functional)
        List<Layer> layers = layersFromJson(config, config.array("layers"));
        Network model = switch (className) {
            case "Sequential" -> sequential(inputShape(json, "input_shape"), layers);
            case "Functional" -> functional(config, layers);
            default -> throw json.error("unknown model type '" + Echo.clip(className) + "'; expected Sequential or Functional");
        };
        config.requireAllRead();
        json.requireAllRead();
        return model;
    }

    private static List<Layer> layersFromJson(JsonFields model, List<JsonNode> nodes) {
        if (nodes.size() > ModelFileLimits.MAX_LAYERS) {
            throw model.error("declares " + nodes.size() + " layers; model files hold at most "
                    + ModelFileLimits.MAX_LAYERS);
        }
        List<Layer> layers = new ArrayList<>(nodes.size());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            JsonFields entry = JsonFields.of(nodes.get(i), "architecture layer " + i);
            String className = entry.text("class_name");
            JsonFields config = entry.object("config");
            config = config.describedAs("layer '" + Echo.clip(config.peekText("name")) + "' (" + Echo.clip(className) + ")");
            entry.requireAllRead();
            Layer layer = LayerRegistry.create(className, config);
            if (layer.name() == null || !names.add(layer.name())) {
                throw config.error("every layer needs a name of its own");
            }
            layers.add(layer);
        }
        return layers;
    }

    private static Network sequential(int[] inputShape, List<Layer> layers) {
        return SequentialNetwork.of(Input.of(inputShape), layers.toArray(new Layer[0]));
    }

    private static Network functional(JsonFields config, List<Layer> layers) {
        Map<String, Layer> byName = new LinkedHashMap<>();
        layers.forEach(layer -> byName.put(layer.name(), layer));
        List<SymbolicTensor> tensors = new ArrayList<>();
        List<SymbolicTensor> inputs = new ArrayList<>();
        for (JsonNode node : config.array("inputs")) {
            JsonFields in = JsonFields.of(node, "architecture input " + inputs.size());
            inputs.add(Input.named(in.text("name"), inputShape(in, "shape")));
            in.requireAllRead();
        }
        tensors.addAll(inputs);
        Set<Layer> applied = new HashSet<>();
        List<JsonNode> nodes = config.array("nodes");
        if (nodes.size() > ModelFileLimits.MAX_LAYERS) {
            throw config.error("declares " + nodes.size() + " nodes; model files hold at most "
                    + ModelFileLimits.MAX_LAYERS);
        }
        for (JsonNode node : nodes) {
            JsonFields n = JsonFields.of(node, "architecture node " + (tensors.size() - inputs.size()));
            Layer layer = byName.get(n.text("layer"));
            if (layer == null) {
                throw n.error("applies layer '" + Echo.clip(n.text("layer")) + "', which is not among the layers");
            }
            int[] inbound = n.intArray("inbound");
            n.requireAllRead();
            tensors.add(layer.apply(pick(tensors, inbound, n)));
            applied.add(layer);
        }
        for (Layer layer : layers) {
            if (!applied.contains(layer)) {
                throw config.error("layer '" + layer.name() + "' is never applied");
            }
        }
        List<SymbolicTensor> outputs = List.of(pick(tensors, config.intArray("outputs"), config));
        return Network.functional(inputs, outputs);
    }

    /** A model input's shape: at most {@link ModelFileLimits#MAX_RANK} dimensions. */
    private static int[] inputShape(JsonFields json, String key) {
        int[] shape = json.intArray(key);
        if (shape.length > ModelFileLimits.MAX_RANK) {
            throw json.error("'" + key + "' has " + shape.length + " dimensions; model files hold at most "
                    + ModelFileLimits.MAX_RANK);
        }
        return shape;
    }

    /** The tensors with these numbers, each of which must already exist. */
    private static SymbolicTensor[] pick(List<SymbolicTensor> tensors, int[] ids, JsonFields where) {
        SymbolicTensor[] picked = new SymbolicTensor[ids.length];
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= tensors.size()) {
                throw where.error("refers to tensor " + ids[i] + "; only tensors 0 to " + (tensors.size() - 1)
                        + " exist at that point");
            }
            picked[i] = tensors.get(ids[i]);
        }
        return picked;
    }
}
