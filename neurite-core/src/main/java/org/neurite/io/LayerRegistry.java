package org.neurite.io;

import static java.util.Map.entry;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
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
 * The layer types a model file may hold: a fixed map from the Keras class name to the layer's own
 * config reader ({@code Dense::fromConfig}, written beside {@code Dense.config()}). Nothing else is
 * ever instantiated from a file: no class is looked up by a name the file gives, and a wrapped layer
 * (TimeDistributed, Bidirectional) is made through this same map. Adding a layer type is one line in
 * {@link #READERS}; the reader must read every key its {@code config()} writes (unknown keys are
 * refused).
 *
 * <pre>{@code
 * Layer dense = LayerRegistry.fromConfig("Dense", dense.config());   // a new, unbuilt copy
 * }</pre>
 */
public final class LayerRegistry {
    private static final Map<String, Function<LayerConfig, Layer>> READERS = Map.ofEntries(
            entry("Activation", ActivationLayer::fromConfig),
            entry("Add", Add::fromConfig),
            entry("AdditiveAttention", AdditiveAttention::fromConfig),
            entry("Attention", Attention::fromConfig),
            entry("Average", Average::fromConfig),
            entry("AveragePooling1D", AveragePooling1D::fromConfig),
            entry("BatchNormalization", BatchNormalization::fromConfig),
            entry("Bidirectional", Bidirectional::fromConfig),
            entry("Concatenate", Concatenate::fromConfig),
            entry("Conv1D", Conv1D::fromConfig),
            entry("Dense", Dense::fromConfig),
            entry("Dropout", Dropout::fromConfig),
            entry("Embedding", Embedding::fromConfig),
            entry("Flatten", Flatten::fromConfig),
            entry("GRU", GRU::fromConfig),
            entry("GlobalAveragePooling1D", GlobalAveragePooling1D::fromConfig),
            entry("GlobalMaxPooling1D", GlobalMaxPooling1D::fromConfig),
            entry("GroupedQueryAttention", GroupedQueryAttention::fromConfig),
            entry("LSTM", LSTM::fromConfig),
            entry("LayerNormalization", LayerNormalization::fromConfig),
            entry("Masking", Masking::fromConfig),
            entry("MaxPooling1D", MaxPooling1D::fromConfig),
            entry("Maximum", Maximum::fromConfig),
            entry("Minimum", Minimum::fromConfig),
            entry("MultiHeadAttention", MultiHeadAttention::fromConfig),
            entry("Multiply", Multiply::fromConfig),
            entry("PositionEmbedding", PositionEmbedding::fromConfig),
            entry("RMSNormalization", RMSNormalization::fromConfig),
            entry("RepeatVector", RepeatVector::fromConfig),
            entry("Reshape", Reshape::fromConfig),
            entry("SimpleRNN", SimpleRNN::fromConfig),
            entry("SinePositionEncoding", SinePositionEncoding::fromConfig),
            entry("SpatialDropout1D", SpatialDropout1D::fromConfig),
            entry("Subtract", Subtract::fromConfig),
            entry("TimeDistributed", TimeDistributed::fromConfig),
            entry("TokenAndPositionEmbedding", TokenAndPositionEmbedding::fromConfig),
            entry("TransformerDecoder", TransformerDecoder::fromConfig),
            entry("TransformerEncoder", TransformerEncoder::fromConfig),
            entry("UpSampling1D", UpSampling1D::fromConfig),
            entry("ZeroPadding1D", ZeroPadding1D::fromConfig));

    private LayerRegistry() {
    }

    /** The layer types model files can hold, sorted. */
    public static Set<String> types() {
        return new TreeSet<>(READERS.keySet());
    }

    /** Whether a model file can hold {@code layer}: its type, and that of any layer it wraps, is registered. */
    static boolean canHold(Layer layer) {
        return switch (layer) {
            case TimeDistributed wrapper -> canHold(wrapper.layer());
            case Bidirectional wrapper -> canHold(wrapper.forwardLayer()) && canHold(wrapper.backwardLayer());
            default -> READERS.containsKey(layer.type());
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
        Function<LayerConfig, Layer> reader = READERS.get(type);
        if (reader == null) {
            throw config.error("unknown layer type '" + type + "'; model files can hold " + known());
        }
        Layer layer;
        try {
            layer = reader.apply(config);
        } catch (LayerConfig.Invalid e) {
            throw e;
        } catch (IllegalArgumentException e) {   // a value the layer's constructor refuses
            throw config.error(e.getMessage());
        }
        config.requireAllRead();
        return layer;
    }
}
