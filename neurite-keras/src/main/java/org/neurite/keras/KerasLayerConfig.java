package org.neurite.keras;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.neurite.io.LayerRegistry;
import org.neurite.nn.Layer;
import org.neurite.nn.layers.Bidirectional;
import org.neurite.nn.layers.RecurrentLayer;

/**
 * One Keras 3 layer config translated into the Neurite layer it describes, exactly or not at all.
 *
 * <p>Keras configs carry keys Neurite layers do not write: {@code trainable}, {@code dtype}, nested
 * initializer and regularizer objects, constraints, and settings that change how a layer is computed
 * but not what it computes ({@code unroll}, {@code use_cudnn}). Each is translated or checked here:
 * initializers become their Neurite names, regularizers {@code {"l1", "l2"}} maps, and every key whose
 * value Neurite cannot represent (a constraint, a frozen layer, a non-float32 dtype, an initializer
 * with a seed or arguments other than Keras' defaults, an unknown key) is refused with
 * {@link KerasFormatError} naming the layer and the option. The rest goes through
 * {@link LayerRegistry#fromConfig}, the same fixed registry the native model files use, so that
 * nothing is ever instantiated from a class name in the file.
 */
final class KerasLayerConfig {
    /** Keys that change only how Keras computes a layer, never the result; any value is accepted. */
    private static final Set<String> COMPUTATION_ONLY = Set.of("unroll", "use_cudnn", "implementation");

    /** Keras keys some Neurite layers do not have, with the only value Neurite computes. */
    private static final Map<String, Map<String, Object>> FIXED = Map.of(
            "Flatten", Map.of("data_format", "channels_last"),
            "BatchNormalization", Map.of("synchronized", false, "renorm", false),
            "LayerNormalization", Map.of("rms_scaling", false),
            "MultiHeadAttention", Map.of("use_gate", false),
            "GroupedQueryAttention", Map.of("use_gate", false));

    /**
     * Keras keys without effect once the {@link #FIXED} values hold (renormalisation's settings when
     * renorm is off), or that record only the shapes a layer was built on.
     */
    private static final Map<String, Set<String>> WITHOUT_EFFECT = Map.of(
            "BatchNormalization", Set.of("renorm_clipping", "renorm_momentum"),
            "MultiHeadAttention", Set.of("query_shape", "key_shape", "value_shape"),
            "TransformerDecoder", Set.of("decoder_sequence_shape", "encoder_sequence_shape"),
            "TransformerEncoder", Set.of("input_shape"));

    /** Keras' class names that Neurite spells differently. */
    private static final Map<String, String> RENAMED = Map.of("GroupQueryAttention", "GroupedQueryAttention");

    /** Layers whose Keras call argument {@code use_causal_mask} is a Neurite layer option. */
    static final Set<String> CAUSAL_OPTION = Set.of("Attention", "AdditiveAttention", "MultiHeadAttention",
            "GroupedQueryAttention");

    private KerasLayerConfig() {
    }

    /**
     * The Neurite layer for Keras' {@code {"class_name": .., "config": ..}} entry.
     *
     * @throws KerasFormatError naming the layer and the option that cannot be imported exactly
     */
    static Layer toLayer(String className, Map<String, Object> kerasConfig) {
        return toLayer(className, kerasConfig, Map.of());
    }

    /**
     * The Neurite layer for a layer entry whose first call had the keyword arguments
     * {@code callKwargs}: Keras' call arguments {@code use_causal_mask} and
     * {@code return_attention_scores} of the attention layers become the layer options Neurite keeps
     * them as (the scores then are the layer's second output).
     *
     * @throws KerasFormatError naming the layer and the option that cannot be imported exactly
     */
    static Layer toLayer(String kerasClassName, Map<String, Object> kerasConfig, Map<?, ?> callKwargs) {
        String className = neuriteType(kerasClassName);
        String where = "layer '" + kerasConfig.get("name") + "' (" + kerasClassName + ")";
        refuseCode(className, where);
        if (className.equals("Bidirectional")) {
            return bidirectional(kerasConfig, where);
        }
        Map<String, Object> config = translate(className, kerasConfig, where, false);
        if (CAUSAL_OPTION.contains(className)) {
            config.put("use_causal_mask", Boolean.TRUE.equals(callKwargs.get("use_causal_mask")));
            if (Boolean.TRUE.equals(callKwargs.get("return_attention_scores"))) {
                config.put("return_attention_scores", true);
            }
        }
        try {
            return LayerRegistry.fromConfig(className, config);
        } catch (IllegalArgumentException e) {
            throw new KerasFormatError(e.getMessage() + " (importing from Keras)");
        }
    }

    /**
     * Refuses a layer entry whose class is not Keras' or KerasHub's own: a custom object keeps its
     * class name (it may even be "Dense") but names its module and registered name.
     */
    static void requireBuiltIn(Map<String, Object> entry, String className, String name) {
        Object module = entry.get("module");
        Object registered = entry.get("registered_name");
        boolean keras = module == null || module.equals("keras") || String.valueOf(module).startsWith("keras.");
        boolean builtIn = keras ? registered == null || registered.equals(className)
                : String.valueOf(module).startsWith("keras_hub.") && ("keras_hub>" + className).equals(registered);
        if (!builtIn) {
            throw new KerasFormatError("layer '" + name + "' (" + className + "): custom object '" + registered
                    + "' from module '" + module + "' cannot be imported (custom objects hold Python code, which is"
                    + " never run from a file)");
        }
    }

    /** Neurite's type for Keras' class name (they differ only where {@link #RENAMED} says). */
    static String neuriteType(String kerasClassName) {
        return RENAMED.getOrDefault(kerasClassName, kerasClassName);
    }

    /** Keras' class name for a Neurite layer type. */
    static String kerasClassName(String neuriteType) {
        for (Map.Entry<String, String> e : RENAMED.entrySet()) {
            if (e.getValue().equals(neuriteType)) {
                return e.getKey();
            }
        }
        return neuriteType;
    }

    private static void refuseCode(String className, String where) {
        if (className.equals("Lambda") || className.equals("TFOpLambda")) {
            throw new KerasFormatError(where + ": Lambda layers hold Python code, which is never run when loading;"
                    + " replace it by built-in layers in Keras and save again");
        }
        if (!LayerRegistry.types().contains(className)) {
            throw new KerasFormatError(where + ": layer type '" + className + "' cannot be imported (custom objects"
                    + " and operations are never run from a file); importable types: " + LayerRegistry.types());
        }
    }

    private static Map<String, Object> translate(String className, Map<String, Object> keras, String where,
                                                 boolean inBidirectional) {
        Map<String, Object> out = new LinkedHashMap<>();
        boolean recurrent = Set.of("SimpleRNN", "LSTM", "GRU").contains(className);
        Map<String, Object> fixed = new java.util.HashMap<>(FIXED.getOrDefault(className, Map.of()));
        if (recurrent) {
            // Keras zeroes masked steps' outputs only inside Bidirectional, where it sets this to
            // return_sequences; Neurite's Bidirectional does the same, its plain layers never do.
            fixed.put("zero_output_for_mask", inBidirectional && Boolean.TRUE.equals(keras.get("return_sequences")));
        }
        for (Map.Entry<String, Object> e : keras.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            switch (key) {
                case "trainable" -> requireValue(where, key, value, Boolean.TRUE,
                        "frozen layers cannot be represented; unfreeze it in Keras and save again");
                case "dtype" -> requireFloat32(where, value);
                case "layer" -> out.put(key, nestedLayer(key, value, where, false));
                default -> {
                    if (COMPUTATION_ONLY.contains(key)
                            || WITHOUT_EFFECT.getOrDefault(className, Set.of()).contains(key)) {
                        continue;
                    }
                    if (key.equals("attention_axes")) {
                        requireLastTimeAxis(where, value);
                        continue;
                    }
                    if (fixed.containsKey(key)) {
                        requireValue(where, key, value, fixed.get(key), "Neurite computes only " + fixed.get(key));
                        continue;
                    }
                    if (key.endsWith("_initializer")) {
                        out.put(key, KerasObjects.initializer(value, where + " '" + key + "'"));
                    } else if (key.endsWith("_regularizer") && value != null) {
                        out.put(key, KerasObjects.regularizer(value, where + " '" + key + "'"));
                    } else if (value != null || !nullMeansNone(key)) {
                        out.put(key, value);
                    }
                }
            }
        }
        if (recurrent) {
            out.putIfAbsent("truncate_bptt", 0);   // Neurite's training option; Keras always backpropagates fully
        }
        return out;
    }

    /** Keys whose null means "none", which Neurite's configs may leave out. */
    private static boolean nullMeansNone(String key) {
        return key.endsWith("_regularizer") || key.endsWith("_constraint") || key.equals("seed")
                || key.equals("noise_shape") || key.equals("quantization_config") || key.equals("sliding_window");
    }

    /**
     * MultiHeadAttention's {@code attention_axes}: Neurite attends over the time axis of
     * {@code (batch, time, features)}, which is Keras' default (None) and {@code [1]}.
     */
    private static void requireLastTimeAxis(String where, Object value) {
        if (value != null && !java.util.List.of(1).equals(value)) {
            throw new KerasFormatError(where + ": option 'attention_axes' = " + value + " cannot be imported;"
                    + " Neurite attends over the time axis of (batch, time, features) only (None or [1])");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> nestedLayer(String key, Object value, String where, boolean inBidirectional) {
        if (!(value instanceof Map<?, ?> map) || !(map.get("class_name") instanceof String type)
                || !(map.get("config") instanceof Map<?, ?> inner)) {
            throw new KerasFormatError(where + ": '" + key + "' must be {\"class_name\": .., \"config\": ..}");
        }
        String innerWhere = "layer '" + inner.get("name") + "' (" + type + ") inside " + where;
        refuseCode(type, innerWhere);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("class_name", type);
        out.put("config", translate(type, (Map<String, Object>) inner, innerWhere, inBidirectional));
        return out;
    }

    /**
     * Keras' Bidirectional: the forward layer and the backward one, which Keras always writes: the
     * forward layer cloned with go_backwards flipped, or a custom backward_layer, imported as it is
     * (Neurite's Bidirectional checks the pair as Keras does).
     */
    private static Layer bidirectional(Map<String, Object> keras, String where) {
        Set<String> known = Set.of("name", "trainable", "dtype", "merge_mode", "layer", "backward_layer");
        for (String key : keras.keySet()) {
            if (!known.contains(key)) {
                throw new KerasFormatError(where + ": option '" + key + "' cannot be imported; Bidirectional reads "
                        + known);
            }
        }
        requireValue(where, "trainable", keras.get("trainable"), Boolean.TRUE,
                "frozen layers cannot be represented; unfreeze it in Keras and save again");
        requireFloat32(where, keras.get("dtype"));
        RecurrentLayer forward = recurrent(nestedLayer("layer", keras.get("layer"), where, true), where);
        RecurrentLayer backward = keras.get("backward_layer") == null ? null
                : recurrent(nestedLayer("backward_layer", keras.get("backward_layer"), where, true), where);
        try {
            return new Bidirectional((String) keras.get("name"), forward, mergeMode(keras.get("merge_mode"), where),
                    backward);
        } catch (IllegalArgumentException e) {   // a backward layer Keras itself would not pair
            throw new KerasFormatError(e.getMessage() + " (importing from Keras)");
        }
    }

    @SuppressWarnings("unchecked")
    private static RecurrentLayer recurrent(Map<String, Object> serialized, String where) {
        Layer inner;
        try {
            inner = LayerRegistry.fromConfig((String) serialized.get("class_name"),
                    (Map<String, Object>) serialized.get("config"));
        } catch (IllegalArgumentException e) {
            throw new KerasFormatError(e.getMessage() + " (importing from Keras)");
        }
        if (!(inner instanceof RecurrentLayer recurrent)) {
            throw new KerasFormatError(where + ": wraps a recurrent layer (SimpleRNN, LSTM or GRU), got "
                    + inner.type());
        }
        return recurrent;
    }

    private static Bidirectional.MergeMode mergeMode(Object value, String where) {
        if (value == null) {
            return Bidirectional.MergeMode.NONE;   // the forward and backward outputs, as two outputs
        }
        return switch (String.valueOf(value)) {
            case "concat" -> Bidirectional.MergeMode.CONCAT;
            case "sum" -> Bidirectional.MergeMode.SUM;
            case "mul" -> Bidirectional.MergeMode.MUL;
            case "ave" -> Bidirectional.MergeMode.AVE;
            default -> throw new KerasFormatError(where + ": merge_mode must be concat, sum, mul, ave or None, got '"
                    + value + "'");
        };
    }

    private static void requireValue(String where, String key, Object value, Object expected, String why) {
        if (!expected.equals(value)) {
            throw new KerasFormatError(where + ": option '" + key + "' = " + value + " cannot be imported (" + why + ")");
        }
    }

    private static void requireFloat32(String where, Object dtype) {
        String name = KerasObjects.dtypeName(dtype);
        if (!"float32".equals(name)) {
            throw new KerasFormatError(where + ": option 'dtype' = " + (name == null ? dtype : name)
                    + " cannot be imported; Neurite computes in float32 only");
        }
    }
}
