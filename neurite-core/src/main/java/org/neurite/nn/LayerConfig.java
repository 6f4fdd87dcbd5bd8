package org.neurite.nn;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A layer's config being read back, the mirror of {@link Layer#config()}: typed getters over the
 * values a layer wrote, either as it wrote them ({@code Integer}, {@code int[]}, {@link Regularizer},
 * nested maps) or as a model file gives them back from JSON ({@code Long}, {@code Double}, lists,
 * maps). Every getter checks that the key is there and of the expected kind; {@link #requireAllRead()}
 * refuses keys no getter asked for, so a config never carries settings that are silently ignored.
 *
 * <p>Each layer reads its own config next to where it writes it, in a static {@code fromConfig}:
 *
 * <pre>{@code
 * public static Dropout fromConfig(LayerConfig c) {
 *     return new Dropout(c.optName(), c.floatValue("rate"));
 * }
 * }</pre>
 *
 * A layer that wraps another ({@code TimeDistributed}, {@code Bidirectional}) reads it with
 * {@link #layer(String)}, which hands the nested {@code {"class_name": .., "config": ..}} to the
 * {@link Resolver} this config was made with: the fixed registry of layer types, so that nothing is
 * ever instantiated from a class name.
 *
 * <p>Every problem is an {@link Invalid} whose one-line message names the layer and the key
 * ({@code layer 'dense' (Dense): 'units' must be an integer, got "ten"}).
 */
public final class LayerConfig {
    /** Makes a layer of a registered type from its config: how nested layers are read. */
    @FunctionalInterface
    public interface Resolver {
        /**
         * The layer of type {@code type} read from {@code config}.
         *
         * @throws IllegalArgumentException for a type that is not registered or a config it refuses
         */
        Layer create(String type, LayerConfig config);
    }

    /** A problem with a config; its message already names the layer and the key. */
    public static final class Invalid extends IllegalArgumentException {
        @java.io.Serial
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    private final String type;
    private final Map<String, ?> values;
    private final Resolver resolver;
    private final String context;
    private final Set<String> read = new HashSet<>();

    private LayerConfig(String type, Map<String, ?> values, Resolver resolver, String context) {
        this.type = type;
        this.values = values;
        this.resolver = resolver;
        this.context = context;
    }

    /**
     * The config {@code values} of a layer of type {@code type}; nested layers are made by
     * {@code resolver}.
     */
    public static LayerConfig of(String type, Map<String, ?> values, Resolver resolver) {
        Object name = values.get("name");
        String shown = name instanceof String s ? "'" + s + "'" : "(unnamed)";
        return new LayerConfig(type, values, resolver, "layer " + shown + " (" + type + ")");
    }

    /** The layer type this config is for ({@code Dense}). */
    public String type() {
        return type;
    }

    /** Whether {@code key} is present with a value other than null. */
    public boolean has(String key) {
        return values.get(key) != null;
    }

    /** The layer's name, or null for one chosen by the model: the {@code name} every layer writes. */
    public String optName() {
        return optText("name");
    }

    public String text(String key) {
        Object value = require(key);
        if (!(value instanceof String s)) {
            throw wrong(key, "a string", value);
        }
        return s;
    }

    /** The string at {@code key}, or null when it is absent or null. */
    public String optText(String key) {
        return has(key) ? text(key) : markRead(key);
    }

    public int intValue(String key) {
        Object value = require(key);
        Integer i = asInt(value);
        if (i == null) {
            throw wrong(key, "an integer", value);
        }
        return i;
    }

    public float floatValue(String key) {
        Object value = require(key);
        if (!(value instanceof Number n) || !Float.isFinite(n.floatValue())) {
            throw wrong(key, "a finite number within float range", value);
        }
        return n.floatValue();
    }

    public boolean bool(String key) {
        Object value = require(key);
        if (!(value instanceof Boolean b)) {
            throw wrong(key, "true or false", value);
        }
        return b;
    }

    public int[] intArray(String key) {
        Object value = require(key);
        if (value instanceof int[] ints) {
            return ints.clone();
        }
        if (!(value instanceof List<?> list)) {
            throw wrong(key, "an array of integers", value);
        }
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            Integer v = asInt(list.get(i));
            if (v == null) {
                throw wrong(key, "an array of integers", value);
            }
            out[i] = v;
        }
        return out;
    }

    /** The integers at {@code key}, or null when it is absent or null (Keras' optional shapes). */
    public int[] optIntArray(String key) {
        return has(key) ? intArray(key) : markRead(key);
    }

    /** The activation named at {@code key} ({@code "relu"}). */
    public Activation activation(String key) {
        String name = text(key);
        try {
            return Activation.byName(name);
        } catch (IllegalArgumentException e) {
            throw error("'" + key + "': " + e.getMessage());
        }
    }

    /** The initializer named at {@code key} ({@code "glorot_uniform"}), with Keras' default arguments. */
    public Initializer initializer(String key) {
        String name = text(key);
        try {
            return Initializer.byName(name);
        } catch (IllegalArgumentException e) {
            throw error("'" + key + "': " + e.getMessage());
        }
    }

    /** The regularizer at {@code key} (Keras' L1L2, {@code {"l1": .., "l2": ..}}), or null when absent or null. */
    public Regularizer optRegularizer(String key) {
        Object value = values.get(key);
        read.add(key);
        return switch (value) {
            case null -> null;
            case Regularizer r -> r;
            case Map<?, ?> map -> {
                LayerConfig r = nested(key, map);
                Regularizer regularizer = new Regularizer(r.floatValue("l1"), r.floatValue("l2"));
                r.requireAllRead();
                yield regularizer;
            }
            default -> throw wrong(key, "null or an object {\"l1\": .., \"l2\": ..}", value);
        };
    }

    /**
     * The layer held at {@code key} as {@code {"class_name": TYPE, "config": {..}}}, Keras' serialized
     * layer, made by this config's {@link Resolver}.
     */
    public Layer layer(String key) {
        Object value = require(key);
        if (!(value instanceof Map<?, ?> map)) {
            throw wrong(key, "an object {\"class_name\": .., \"config\": ..}", value);
        }
        LayerConfig wrapper = nested(key, map);
        String innerType = wrapper.text("class_name");
        Object innerValues = wrapper.require("config");
        if (!(innerValues instanceof Map<?, ?> innerMap)) {
            throw wrapper.wrong("config", "an object", innerValues);
        }
        wrapper.requireAllRead();
        return resolver.create(innerType, LayerConfig.of(innerType, stringKeys(innerMap, key), resolver));
    }

    /** The layer held at {@code key} as {@link #layer(String)} reads it, or null when it is absent or null. */
    public Layer optLayer(String key) {
        return has(key) ? layer(key) : markRead(key);
    }

    /** The resolver nested layers are made by, for a layer that makes a config of its own. */
    public Resolver resolver() {
        return resolver;
    }

    /** Refuses any key that no getter read, naming the layer and the keys it does read. */
    public void requireAllRead() {
        List<String> unknown = new ArrayList<>();
        for (String key : values.keySet()) {
            if (!read.contains(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw error("unknown field" + (unknown.size() > 1 ? "s " : " ") + unknown + "; " + type + " reads "
                    + new java.util.TreeSet<>(read));
        }
    }

    /** The problem {@code what}, prefixed with the layer it is about. */
    public Invalid error(String what) {
        return new Invalid(context + ": " + what);
    }

    private LayerConfig nested(String key, Map<?, ?> map) {
        return new LayerConfig(type, stringKeys(map, key), resolver, context + "." + key);
    }

    @SuppressWarnings("unchecked")
    private Map<String, ?> stringKeys(Map<?, ?> map, String key) {
        for (Object k : map.keySet()) {
            if (!(k instanceof String)) {
                throw error("'" + key + "' has a key that is not a string: " + k);
            }
        }
        return (Map<String, ?>) map;
    }

    private Object require(String key) {
        if (!values.containsKey(key)) {
            throw error("missing field '" + key + "'");
        }
        read.add(key);
        return values.get(key);
    }

    private <T> T markRead(String key) {
        read.add(key);
        return null;
    }

    private static Integer asInt(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        if (value instanceof Long l && l == (int) (long) l) {
            return (int) (long) l;
        }
        return null;
    }

    private Invalid wrong(String key, String expected, Object got) {
        return error("'" + key + "' must be " + expected + ", got " + describe(got));
    }

    private static String describe(Object value) {
        String text = switch (value) {
            case null -> "null";
            case String s -> '"' + s + '"';
            case int[] ints -> java.util.Arrays.toString(ints);
            default -> String.valueOf(value);
        };
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
