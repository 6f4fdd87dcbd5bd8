package org.neurite.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed, strict reading of one JSON object from a model file's header: each getter checks that the
 * field is there and of the expected kind, and {@link #requireAllRead()} refuses fields nobody
 * asked for, so a file never carries settings that are silently ignored.
 *
 * <p>Every problem is an {@link IllegalArgumentException} whose message starts with this object's
 * context ({@code architecture: 'input_shape' must be an array of integers, got "784"}); the loader
 * turns it into a {@link ModelFileException} naming the file.
 *
 * <pre>{@code
 * JsonFields config = JsonFields.of(node, "layer 'dense'");
 * int units = config.intValue("units");
 * config.requireAllRead();
 * }</pre>
 */
final class JsonFields {
    /** A problem found by a getter; its message already carries the context. */
    static final class Invalid extends IllegalArgumentException {
        @java.io.Serial
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    private final ObjectNode node;
    private final String context;
    private final Set<String> read = new HashSet<>();

    private JsonFields(ObjectNode node, String context) {
        this.node = node;
        this.context = context;
    }

    /** The object {@code node}, described in errors as {@code context}. */
    static JsonFields of(JsonNode node, String context) {
        if (!(node instanceof ObjectNode object)) {
            throw new Invalid(context + ": expected a JSON object, got " + describe(node));
        }
        return new JsonFields(object, context);
    }

    /** Parses UTF-8 JSON text that must hold one object, within {@link ModelFileLimits}. */
    static JsonFields parse(byte[] json, String context) {
        return of(HeaderJson.parse(json, context), context);
    }

    /** The same object, described in errors as {@code newContext}. */
    JsonFields describedAs(String newContext) {
        return new JsonFields(node, newContext);
    }

    /** The string at {@code key} if there is one, else null; not a read, for naming things in errors. */
    String peekText(String key) {
        JsonNode value = node.get(key);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    boolean has(String key) {
        JsonNode value = node.get(key);
        return value != null && !value.isNull();
    }

    String text(String key) {
        JsonNode value = require(key);
        if (!value.isTextual()) {
            throw wrong(key, "a string", value);
        }
        return value.textValue();
    }

    /** The string at {@code key}, or null when it is absent or null. */
    String optText(String key) {
        return has(key) ? text(key) : markRead(key);
    }

    long longValue(String key) {
        JsonNode value = require(key);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw wrong(key, "an integer", value);
        }
        return value.longValue();
    }

    int intValue(String key) {
        JsonNode value = require(key);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw wrong(key, "an integer", value);
        }
        return value.intValue();
    }

    float floatValue(String key) {
        double value = doubleValue(key);
        if (!Float.isFinite((float) value)) {
            throw wrong(key, "a number within float range", node.get(key));
        }
        return (float) value;
    }

    double doubleValue(String key) {
        JsonNode value = require(key);
        if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
            throw wrong(key, "a finite number", value);
        }
        return value.doubleValue();
    }

    boolean bool(String key) {
        JsonNode value = require(key);
        if (!value.isBoolean()) {
            throw wrong(key, "true or false", value);
        }
        return value.booleanValue();
    }

    int[] intArray(String key) {
        List<JsonNode> values = array(key);
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = values.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw wrong(key, "an array of integers", node.get(key));
            }
            out[i] = v.intValue();
        }
        return out;
    }

    /** The value at {@code key}, whatever its kind ({@code null} included, as a null node). */
    JsonNode value(String key) {
        return require(key);
    }

    List<JsonNode> array(String key) {
        JsonNode value = require(key);
        if (!value.isArray()) {
            throw wrong(key, "an array", value);
        }
        List<JsonNode> out = new ArrayList<>(value.size());
        value.forEach(out::add);
        return out;
    }

    JsonFields object(String key) {
        JsonNode value = require(key);
        if (!value.isObject()) {
            throw wrong(key, "an object", value);
        }
        return new JsonFields((ObjectNode) value, context + "." + key);
    }

    /** The object at {@code key}, or null when it is absent or null. */
    JsonFields optObject(String key) {
        return has(key) ? object(key) : markRead(key);
    }

    /** An object whose values are all strings, in file order. */
    Map<String, String> stringMap(String key) {
        JsonFields object = object(key);
        Map<String, String> out = new LinkedHashMap<>();
        object.node.fieldNames().forEachRemaining(name -> out.put(name, object.text(name)));
        return out;
    }

    /** An object whose values are all numbers, in file order. */
    Map<String, Double> numberMap(String key) {
        JsonFields object = object(key);
        Map<String, Double> out = new LinkedHashMap<>();
        object.node.fieldNames().forEachRemaining(name -> out.put(name, object.doubleValue(name)));
        return out;
    }

    /**
     * This object's fields as plain Java values, for readers outside this package (a layer's
     * {@code fromConfig}): strings, {@code Boolean}, {@code Long} (or {@code BigInteger} beyond its
     * range), {@code Double}, null, lists and string-keyed maps in file order. Every field counts as
     * read here; the receiver refuses the ones it does not know.
     */
    Map<String, Object> toPlainMap() {
        node.fieldNames().forEachRemaining(read::add);
        @SuppressWarnings("unchecked")
        Map<String, Object> plain = (Map<String, Object>) plain(node);
        return plain;
    }

    private static Object plain(JsonNode value) {
        if (value.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            value.properties().forEach(e -> out.put(e.getKey(), plain(e.getValue())));
            return out;
        }
        if (value.isArray()) {
            List<Object> out = new ArrayList<>(value.size());
            value.forEach(v -> out.add(plain(v)));
            return out;
        }
        if (value.isIntegralNumber()) {
            return value.canConvertToLong() ? (Object) value.longValue() : value.bigIntegerValue();
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        return null;   // JSON null (binary and other node kinds never come from parsed text)
    }

    /** Refuses any field that no getter read. */
    void requireAllRead() {
        List<String> unknown = new ArrayList<>();
        node.fieldNames().forEachRemaining(name -> {
            if (!read.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw new Invalid(context + ": unknown field" + (unknown.size() > 1 ? "s " : " ")
                    + Echo.clip(unknown.toString()) + " (written by a newer library, or altered)");
        }
    }

    /** The problem {@code what}, prefixed with this object's context. */
    Invalid error(String what) {
        return new Invalid(context + ": " + what);
    }

    private JsonNode require(String key) {
        JsonNode value = node.get(key);
        if (value == null) {
            throw error("missing field '" + key + "'");
        }
        read.add(key);
        return value;
    }

    private <T> T markRead(String key) {
        read.add(key);
        return null;
    }

    private Invalid wrong(String key, String expected, JsonNode got) {
        return error("'" + key + "' must be " + expected + ", got " + describe(got));
    }

    private static String describe(JsonNode value) {
        return Echo.clip(String.valueOf(value), 60);
    }
}
