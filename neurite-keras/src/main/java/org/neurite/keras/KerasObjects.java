package org.neurite.keras;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras' serialized helper objects ({@code {"class_name": "GlorotUniform", "config": {..}}}) as the
 * values Neurite's layer configs hold: initializer names, {@code {"l1", "l2"}} regularizers, dtype
 * names. Only Keras' built-in classes with arguments Neurite reproduces are accepted; anything else
 * is refused with a message naming the option.
 */
final class KerasObjects {
    /** Keras initializer class, Neurite's name for it, and the arguments Neurite's version has. */
    private record Known(String name, Map<String, Object> arguments) {
    }

    private static final Map<String, Known> INITIALIZERS = Map.ofEntries(
            Map.entry("GlorotUniform", new Known("glorot_uniform", Map.of())),
            Map.entry("GlorotNormal", new Known("glorot_normal", Map.of())),
            Map.entry("HeUniform", new Known("he_uniform", Map.of())),
            Map.entry("HeNormal", new Known("he_normal", Map.of())),
            Map.entry("LecunUniform", new Known("lecun_uniform", Map.of())),
            Map.entry("LecunNormal", new Known("lecun_normal", Map.of())),
            Map.entry("Orthogonal", new Known("orthogonal", Map.of("gain", 1.0))),
            Map.entry("Zeros", new Known("zeros", Map.of())),
            Map.entry("Ones", new Known("ones", Map.of())),
            Map.entry("RandomNormal", new Known("random_normal", Map.of("mean", 0.0, "stddev", 0.05))),
            Map.entry("RandomUniform", new Known("random_uniform", Map.of("minval", -0.05, "maxval", 0.05))));

    private KerasObjects() {
    }

    /** Neurite's name for the initializer Keras serialized as {@code value}. */
    static String initializer(Object value, String where) {
        if (value instanceof String name) {
            return name;   // Keras 2 style short names; LayerRegistry checks them
        }
        Map<String, Object> object = object(value, where);
        String className = String.valueOf(object.get("class_name"));
        Known known = INITIALIZERS.get(className);
        if (known == null) {
            throw new KerasFormatError(where + ": initializer '" + className + "' cannot be imported; known: "
                    + new java.util.TreeSet<>(INITIALIZERS.keySet()));
        }
        Map<String, Object> arguments = config(object, where);
        for (Map.Entry<String, Object> e : arguments.entrySet()) {
            String key = e.getKey();
            Object expected = known.arguments().get(key);
            boolean neutral = e.getValue() == null && (key.equals("seed") || key.endsWith("_axes"));
            if (!neutral && !(expected != null && e.getValue() instanceof Number n
                    && n.doubleValue() == ((Number) expected).doubleValue())) {
                throw new KerasFormatError(where + ": " + className + " argument '" + key + "' = " + e.getValue()
                        + " cannot be imported; Neurite's " + known.name() + " has " + describe(known));
            }
        }
        return known.name();
    }

    /** A regularizer as Neurite's config holds it, {@code {"l1": .., "l2": ..}}. */
    static Map<String, Object> regularizer(Object value, String where) {
        Map<String, Object> object = object(value, where);
        String className = String.valueOf(object.get("class_name"));
        Map<String, Object> arguments = config(object, where);
        if (!Map.of("L1L2", "", "L1", "", "L2", "").containsKey(className)
                || !java.util.Set.of("l1", "l2").containsAll(arguments.keySet())) {
            throw new KerasFormatError(where + ": regularizer '" + className + "' " + arguments
                    + " cannot be imported; Neurite has L1, L2 and L1L2");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("l1", arguments.getOrDefault("l1", 0.0));
        out.put("l2", arguments.getOrDefault("l2", 0.0));
        return out;
    }

    /** The dtype name of a {@code DTypePolicy} object or a plain string, or null when it is neither. */
    static String dtypeName(Object dtype) {
        if (dtype instanceof String s) {
            return s;
        }
        if (dtype instanceof Map<?, ?> map && "DTypePolicy".equals(map.get("class_name"))
                && map.get("config") instanceof Map<?, ?> config && config.get("name") instanceof String s) {
            return s;
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String where) {
        if (!(value instanceof Map<?, ?> map) || !(map.get("class_name") instanceof String)) {
            throw new KerasFormatError(where + ": expected a Keras object {\"class_name\": .., \"config\": ..}, got "
                    + value);
        }
        if (map.get("registered_name") instanceof String registered && !registered.equals(map.get("class_name"))) {
            throw new KerasFormatError(where + ": custom object '" + registered + "' cannot be imported");
        }
        return (Map<String, Object>) map;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> config(Map<String, Object> object, String where) {
        Object config = object.get("config");
        if (config == null) {
            return Map.of();
        }
        if (!(config instanceof Map<?, ?>)) {
            throw new KerasFormatError(where + ": 'config' must be an object, got " + config);
        }
        return (Map<String, Object>) config;
    }

    private static String describe(Known known) {
        return known.arguments().isEmpty() ? "no arguments" : "the arguments " + known.arguments();
    }
}
