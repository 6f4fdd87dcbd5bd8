package org.neurite.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.neurite.nn.Regularizer;

/**
 * Turns a layer's {@code config()} values into JSON: strings, numbers, booleans, null, {@code int[]},
 * lists, string-keyed maps, and {@link Regularizer} as {@code {"l1": .., "l2": ..}}.
 * Any other value is refused when saving, naming where it was, rather than written in a form that
 * could not be read back.
 *
 * <pre>{@code
 * JsonNode json = ConfigJson.toJson(dense.config(), "layer 'dense'");
 * }</pre>
 */
final class ConfigJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ConfigJson() {
    }

    static JsonNode toJson(Object value, String where) {
        return switch (value) {
            case null -> NODES.nullNode();
            case String s -> NODES.textNode(s);
            case Boolean b -> NODES.booleanNode(b);
            case Integer i -> NODES.numberNode(i);
            case Long l -> NODES.numberNode(l);
            case Float f -> NODES.numberNode(f);
            case Double d -> NODES.numberNode(d);
            case int[] ints -> ints(ints);
            case Regularizer r -> NODES.objectNode().put("l1", r.l1()).put("l2", r.l2());
            case List<?> list -> list(list, where);
            case Map<?, ?> map -> map(map, where);
            default -> throw new IllegalArgumentException(where + ": a config value of type "
                    + value.getClass().getName() + " cannot be written to a model file");
        };
    }

    static ArrayNode ints(int[] values) {
        ArrayNode array = NODES.arrayNode(values.length);
        for (int v : values) {
            array.add(v);
        }
        return array;
    }

    private static ArrayNode list(List<?> values, String where) {
        ArrayNode array = NODES.arrayNode(values.size());
        for (int i = 0; i < values.size(); i++) {
            array.add(toJson(values.get(i), where + "[" + i + "]"));
        }
        return array;
    }

    private static ObjectNode map(Map<?, ?> values, String where) {
        ObjectNode object = NODES.objectNode();
        values.forEach((key, value) -> {
            if (!(key instanceof String name)) {
                throw new IllegalArgumentException(where + ": config key " + key + " is not a string");
            }
            object.set(name, toJson(value, where + "." + name));
        });
        return object;
    }
}
