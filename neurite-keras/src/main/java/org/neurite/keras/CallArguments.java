package org.neurite.keras;

import java.util.List;
import java.util.Map;
import org.neurite.nn.Layer;

/**
 * The keyword arguments a functional model's node recorded for a layer call, checked against what
 * Neurite computes. Neurite passes masks along the graph and the training flag from fit/predict, as
 * Keras does when they are not given; the attention layers keep Keras' call argument
 * {@code use_causal_mask} as a layer option (so every call of a shared layer must agree), and
 * KerasHub's TransformerDecoder is always causal as its default call. Anything else (an explicit
 * mask or state, attention scores as a second output) is refused, naming the layer and the argument.
 */
final class CallArguments {
    private CallArguments() {
    }

    /** The keyword arguments of the first call in a layer entry's {@code inbound_nodes}, or none. */
    static Map<?, ?> first(Map<String, Object> entry) {
        if (entry.get("inbound_nodes") instanceof List<?> nodes && !nodes.isEmpty()
                && nodes.get(0) instanceof Map<?, ?> node && node.get("kwargs") instanceof Map<?, ?> kwargs) {
            return kwargs;
        }
        return Map.of();
    }

    /**
     * Refuses each argument in {@code kwargs} (the tensors and mask already taken out) that would
     * make {@code layer} (null for a tf.keras 2 node) compute something else than Neurite does.
     */
    static void require(Layer layer, String name, Map<?, ?> kwargs) {
        for (Map.Entry<?, ?> e : kwargs.entrySet()) {
            String key = String.valueOf(e.getKey());
            Object value = e.getValue();
            boolean neutral = switch (key) {
                case "mask" -> value == null;
                case "training" -> value == null || value instanceof Boolean;
                case "return_attention_scores" -> Boolean.FALSE.equals(value);
                case "use_causal_mask" -> layer != null && causal(layer) == Boolean.TRUE.equals(value);
                default -> false;
            };
            if (!neutral) {
                throw new KerasFormatError("layer '" + name + "': call argument '" + key + "' = " + shorten(value)
                        + " cannot be imported (" + why(key, layer) + ")");
            }
        }
    }

    /** Whether Neurite's {@code layer} applies a causal mask in every call. */
    private static boolean causal(Layer layer) {
        if (layer.type().equals("TransformerDecoder")) {
            return true;
        }
        return KerasLayerConfig.CAUSAL_OPTION.contains(layer.type())
                && Boolean.TRUE.equals(layer.config().get("use_causal_mask"));
    }

    private static String why(String key, Layer layer) {
        return switch (key) {
            case "use_causal_mask" -> layer != null && layer.type().equals("TransformerDecoder")
                    ? "Neurite's TransformerDecoder is always causal, as KerasHub's default call"
                    : "a shared attention layer must be called with one use_causal_mask in Neurite";
            case "return_attention_scores" -> "the scores would be a second output of the layer";
            default -> "an explicit mask or state is not represented in a Neurite graph";
        };
    }

    private static String shorten(Object value) {
        String text = String.valueOf(value);
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
