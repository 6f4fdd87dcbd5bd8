package org.neurite.io;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.neurite.nn.Layer;
import org.neurite.nn.LayerConfig;
import org.neurite.nn.layers.ActivationLayer;
import org.neurite.nn.layers.Add;
import org.neurite.nn.layers.AdditiveAttention;
import org.neurite.nn.layers.Attention;
import org.neurite.nn.layers.Average;
import org.neurite.nn.layers.AveragePooling1D;
import org.neurite.nn.layers.BatchNormalization;
import org.neurite.nn.layers.Bidirectional;
import org.neurite.nn.layers.Concatenate;
import org.neurite.nn.layers.Conv1D;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Dropout;
import org.neurite.nn.layers.Embedding;
import org.neurite.nn.layers.Flatten;
import org.neurite.nn.layers.GRU;
import org.neurite.nn.layers.GlobalAveragePooling1D;
import org.neurite.nn.layers.GlobalMaxPooling1D;
import org.neurite.nn.layers.GroupedQueryAttention;
import org.neurite.nn.layers.LSTM;
import org.neurite.nn.layers.LayerNormalization;
import org.neurite.nn.layers.Masking;
import org.neurite.nn.layers.MaxPooling1D;
import org.neurite.nn.layers.Maximum;
import org.neurite.nn.layers.Minimum;
import org.neurite.nn.layers.MultiHeadAttention;
import org.neurite.nn.layers.Multiply;
import org.neurite.nn.layers.PositionEmbedding;
import org.neurite.nn.layers.RMSNormalization;
import org.neurite.nn.layers.RepeatVector;
import org.neurite.nn.layers.Reshape;
import org.neurite.nn.layers.SimpleRNN;
import org.neurite.nn.layers.SinePositionEncoding;
import org.neurite.nn.layers.SpatialDropout1D;
import org.neurite.nn.layers.Subtract;
import org.neurite.nn.layers.TimeDistributed;
import org.neurite.nn.layers.TokenAndPositionEmbedding;
import org.neurite.nn.layers.TransformerDecoder;
import org.neurite.nn.layers.TransformerEncoder;
import org.neurite.nn.layers.UpSampling1D;
import org.neurite.nn.layers.ZeroPadding1D;

/**
 * The layer types a model file may hold: a fixed switch from the Keras class name to the layer's own
 * config reader ({@code Dense.fromConfig}, written beside {@code Dense.config()}). Nothing else is
 * ever instantiated from a file: no class is looked up by a name the file gives, and a wrapped layer
 * (TimeDistributed, Bidirectional) is made through this same switch. Adding a layer type is one line
 * in {@link #TYPES} and one case in {@link #read}; the reader must read every key its
 * {@code config()} writes (unknown keys are refused).
 *
 * <pre>{@code
 * Layer dense = LayerRegistry.fromConfig("Dense", dense.config());   // a new, unbuilt copy
 * }</pre>
 */
public final class LayerRegistry {
    /** The layer types model files can hold; {@link #read} has a case for each. */
    private static final Set<String> TYPES = Set.of(
            "Activation",
            "Add",
            "AdditiveAttention",
            "Attention",
            "Average",
            "AveragePooling1D",
            "BatchNormalization",
            "Bidirectional",
            "Concatenate",
            "Conv1D",
            "Dense",
            "Dropout",
            "Embedding",
            "Flatten",
            "GRU",
            "GlobalAveragePooling1D",
            "GlobalMaxPooling1D",
            "GroupedQueryAttention",
            "LSTM",
            "LayerNormalization",
            "Masking",
            "MaxPooling1D",
            "Maximum",
            "Minimum",
            "MultiHeadAttention",
            "Multiply",
            "PositionEmbedding",
            "RMSNormalization",
            "RepeatVector",
            "Reshape",
            "SimpleRNN",
            "SinePositionEncoding",
            "SpatialDropout1D",
            "Subtract",
            "TimeDistributed",
            "TokenAndPositionEmbedding",
            "TransformerDecoder",
            "TransformerEncoder",
            "UpSampling1D",
            "ZeroPadding1D");

    private LayerRegistry() {
    }

    /**
     * The layer of type {@code type} read from {@code config}, or null for a type outside
     * {@link #TYPES}. A switch rather than a map of method references: each reference is a class
     * spun when the registry is first used, which the start-up cache cannot hold while the Vector
     * API is an incubator module, and loading a model for {@code neurite predict} paid 20-40 ms for
     * the 40 of them (docs/PERFORMANCE.md, "Start-up").
     */
    private static Layer read(String type, LayerConfig config) {
        return switch (type) {
            case "Activation" -> ActivationLayer.fromConfig(config);
            case "Add" -> Add.fromConfig(config);
            case "AdditiveAttention" -> AdditiveAttention.fromConfig(config);
            case "Attention" -> Attention.fromConfig(config);
            case "Average" -> Average.fromConfig(config);
            case "AveragePooling1D" -> AveragePooling1D.fromConfig(config);
            case "BatchNormalization" -> BatchNormalization.fromConfig(config);
            case "Bidirectional" -> Bidirectional.fromConfig(config);
            case "Concatenate" -> Concatenate.fromConfig(config);
            case "Conv1D" -> Conv1D.fromConfig(config);
            case "Dense" -> Dense.fromConfig(config);
            case "Dropout" -> Dropout.fromConfig(config);
            case "Embedding" -> Embedding.fromConfig(config);
            case "Flatten" -> Flatten.fromConfig(config);
            case "GRU" -> GRU.fromConfig(config);
            case "GlobalAveragePooling1D" -> GlobalAveragePooling1D.fromConfig(config);
            case "GlobalMaxPooling1D" -> GlobalMaxPooling1D.fromConfig(config);
            case "GroupedQueryAttention" -> GroupedQueryAttention.fromConfig(config);
            case "LSTM" -> LSTM.fromConfig(config);
            case "LayerNormalization" -> LayerNormalization.fromConfig(config);
            case "Masking" -> Masking.fromConfig(config);
            case "MaxPooling1D" -> MaxPooling1D.fromConfig(config);
            case "Maximum" -> Maximum.fromConfig(config);
            case "Minimum" -> Minimum.fromConfig(config);
            case "MultiHeadAttention" -> MultiHeadAttention.fromConfig(config);
            case "Multiply" -> Multiply.fromConfig(config);
            case "PositionEmbedding" -> PositionEmbedding.fromConfig(config);
            case "RMSNormalization" -> RMSNormalization.fromConfig(config);
            case "RepeatVector" -> RepeatVector.fromConfig(config);
            case "Reshape" -> Reshape.fromConfig(config);
            case "SimpleRNN" -> SimpleRNN.fromConfig(config);
            case "SinePositionEncoding" -> SinePositionEncoding.fromConfig(config);
            case "SpatialDropout1D" -> SpatialDropout1D.fromConfig(config);
            case "Subtract" -> Subtract.fromConfig(config);
            case "TimeDistributed" -> TimeDistributed.fromConfig(config);
            case "TokenAndPositionEmbedding" -> TokenAndPositionEmbedding.fromConfig(config);
            case "TransformerDecoder" -> TransformerDecoder.fromConfig(config);
            case "TransformerEncoder" -> TransformerEncoder.fromConfig(config);
            case "UpSampling1D" -> UpSampling1D.fromConfig(config);
            case "ZeroPadding1D" -> ZeroPadding1D.fromConfig(config);
            default -> null;
        };
    }

    /** The layer types model files can hold, sorted. */
    public static Set<String> types() {
        return new TreeSet<>(TYPES);
    }

    /** Whether a model file can hold {@code layer}: its type, and that of any layer it wraps, is registered. */
    static boolean canHold(Layer layer) {
        return switch (layer) {
            case TimeDistributed wrapper -> canHold(wrapper.layer());
            case Bidirectional wrapper -> canHold(wrapper.forwardLayer()) && canHold(wrapper.backwardLayer());
            default -> TYPES.contains(layer.type());
        };
    }

    /** The known types, sorted, for error messages. */
    static String known() {
        return types().toString();
    }

    /**
     * A new, unbuilt layer of type {@code type} made from {@code config}, as {@link Layer#config()}
     * gives it: Keras' {@code layers.deserialize}.
     *
     * @throws IllegalArgumentException naming the layer, for an unknown type, a missing, malformed or
     *     unknown config key, or a value the layer refuses
     */
    public static Layer fromConfig(String type, Map<String, ?> config) {
        return create(type, LayerConfig.of(type, config, LayerRegistry::create));
    }

    /** Makes the layer {@code className} from a model file's {@code config}, reading every field of it. */
    static Layer create(String className, JsonFields config) {
        return create(className, LayerConfig.of(className, config.toPlainMap(), LayerRegistry::create));
    }

    private static Layer create(String type, LayerConfig config) {
        if (!TYPES.contains(type)) {
            throw config.error("unknown layer type '" + type + "'; model files can hold " + known());
        }
        Layer layer;
        try {
            layer = read(type, config);
        } catch (LayerConfig.Invalid e) {
            throw e;
        } catch (IllegalArgumentException e) {   // a value the layer's constructor refuses
            throw config.error(e.getMessage());
        }
        config.requireAllRead();
        return layer;
    }
}
