package org.neurite.keras;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neurite.nn.Layer;
import org.neurite.nn.Parameter;

/**
 * Where a layer's weights lie inside its group of a {@code .keras} weight file, for the layers
 * made of sublayers. Keras saves a sublayer under the name of the Python attribute that holds it:
 * MultiHeadAttention's {@code query_dense}, ..., {@code output_dense}; GroupQueryAttention's
 * {@code _query_dense}, ...; KerasHub's TransformerEncoder {@code _self_attention_layer/query_dense},
 * {@code _self_attention_layer_norm}, {@code _feedforward_intermediate_dense}, ...; its
 * TransformerDecoder also {@code _cross_attention_layer}; TokenAndPositionEmbedding
 * {@code token_embedding} and {@code position_embedding}. Neurite names the same sublayers in its
 * weights' paths ({@code transformer_encoder.self_attention_layer.query.kernel}), so the group of each
 * weight follows from its path; inside a group, the variables {@code vars/0..n} are the sublayer's
 * weights in creation order, which is Neurite's.
 *
 * <pre>{@code
 * Map<String, List<Parameter>> groups = KerasWeightGroups.of(encoder);
 * // {"_self_attention_layer/query_dense": [query.kernel, query.bias], ..., "_feedforward_output_dense": [...]}
 * }</pre>
 */
final class KerasWeightGroups {
    private KerasWeightGroups() {
    }

    /**
     * The group path of each of {@code layer}'s weights relative to the layer's group ({@code ""}
     * for its own variables), in {@link Layer#parameters()} order.
     */
    static Map<String, List<Parameter>> of(Layer layer) {
        Map<String, List<Parameter>> out = new LinkedHashMap<>();
        for (Parameter p : layer.parameters()) {
            out.computeIfAbsent(group(layer, sublayerPath(layer, p)), k -> new ArrayList<>()).add(p);
        }
        return out;
    }

    /**
     * The dotted sublayer path of {@code p} inside {@code layer}: {@code self_attention_layer.query},
     * or "". The weight's path starts with the layer's name, or holds it after a wrapper's
     * ({@code time_distributed.dense.kernel}).
     */
    private static String sublayerPath(Layer layer, Parameter p) {
        String path = p.path();
        String prefix = layer.name() + ".";
        int inWrapper = path.indexOf("." + prefix);
        String relative = path.startsWith(prefix) ? path.substring(prefix.length())
                : inWrapper >= 0 ? path.substring(inWrapper + 1 + prefix.length()) : p.name();
        int last = relative.lastIndexOf('.');
        return last < 0 ? "" : relative.substring(0, last);
    }

    private static String group(Layer layer, String sublayer) {
        if (sublayer.isEmpty()) {
            return "";
        }
        String[] parts = sublayer.split("\\.");
        return switch (layer.type()) {
            case "MultiHeadAttention" -> projection(parts[0], "");
            case "GroupedQueryAttention" -> projection(parts[0], "_");
            case "TransformerEncoder", "TransformerDecoder" -> transformerPart(parts, layer);
            case "TokenAndPositionEmbedding" -> parts[0];
            default -> throw new KerasFormatError("layer '" + layer.name() + "' (" + layer.type() + "): weight of "
                    + "sublayer '" + sublayer + "' has no place in a Keras weight file");
        };
    }

    /** An attention layer's projection: {@code query} is Keras' {@code query_dense}, {@code attention_output} its {@code output_dense}. */
    private static String projection(String name, String prefix) {
        return prefix + (name.equals("attention_output") ? "output" : name) + "_dense";
    }

    /** KerasHub's private attributes; its attention sublayers are MultiHeadAttentions. */
    private static String transformerPart(String[] parts, Layer layer) {
        String attribute = parts[0].endsWith("_attention") ? parts[0] + "_layer" : parts[0];
        if (parts.length == 1) {
            return "_" + attribute;
        }
        if (parts.length == 2 && attribute.endsWith("_attention_layer")) {
            return "_" + attribute + "/" + projection(parts[1], "");
        }
        throw new KerasFormatError("layer '" + layer.name() + "' (" + layer.type() + "): weight of sublayer '"
                + String.join(".", parts) + "' has no place in a Keras weight file");
    }
}
