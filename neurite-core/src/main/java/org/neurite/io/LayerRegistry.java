package org.neurite.io;

import static java.util.Map.entry;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.neurite.nn.Activation;
import org.neurite.nn.Initializer;
import org.neurite.nn.Layer;
import org.neurite.nn.Regularizer;
import org.neurite.nn.layers.ActivationLayer;
import org.neurite.nn.layers.Add;
import org.neurite.nn.layers.Average;
import org.neurite.nn.layers.Bidirectional;
import org.neurite.nn.layers.Concatenate;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Dropout;
import org.neurite.nn.layers.Embedding;
import org.neurite.nn.layers.Flatten;
import org.neurite.nn.layers.GRU;
import org.neurite.nn.layers.LSTM;
import org.neurite.nn.layers.Maximum;
import org.neurite.nn.layers.Minimum;
import org.neurite.nn.layers.Multiply;
import org.neurite.nn.layers.RecurrentLayer;
import org.neurite.nn.layers.Reshape;
import org.neurite.nn.layers.SimpleRNN;
import org.neurite.nn.layers.Subtract;

/**
 * The layer types a model file may hold: a fixed map from the Keras class name to a factory that
 * makes the layer from its config. Nothing else is ever instantiated from a file: no class is looked
 * up by a name the file gives. Adding a layer type is one line in {@link #FACTORIES}; its factory
 * must read every key its {@code config()} writes (unknown keys are refused).
 *
 * <pre>{@code
 * Layer dense = LayerRegistry.create("Dense", JsonFields.of(configNode, "layer 'dense'"));
 * }</pre>
 */
final class LayerRegistry {
    /** Makes a layer from its config, reading each key it needs through {@code config}'s getters. */
    @FunctionalInterface
    interface LayerFactory {
        Layer create(JsonFields config);
    }

    private static final Map<String, LayerFactory> FACTORIES = Map.ofEntries(
            entry("Dense", LayerRegistry::dense),
            entry("Flatten", c -> new Flatten(c.optText("name"))),
            entry("Reshape", c -> new Reshape(c.optText("name"), c.intArray("target_shape"))),
            entry("Dropout", c -> new Dropout(c.optText("name"), c.floatValue("rate"))),
            entry("Activation", c -> new ActivationLayer(c.optText("name"), Activation.byName(c.text("activation")))),
            entry("Concatenate", c -> new Concatenate(c.optText("name"), c.intValue("axis"))),
            entry("Add", c -> new Add(c.optText("name"))),
            entry("Subtract", c -> new Subtract(c.optText("name"))),
            entry("Multiply", c -> new Multiply(c.optText("name"))),
            entry("Average", c -> new Average(c.optText("name"))),
            entry("Maximum", c -> new Maximum(c.optText("name"))),
            entry("Minimum", c -> new Minimum(c.optText("name"))),
            entry("SimpleRNN", c -> recurrent(SimpleRNN.builder(), c).build()),
            entry("LSTM", c -> recurrent(LSTM.builder(), c)
                    .optRecurrentActivation(Activation.byName(c.text("recurrent_activation")))
                    .optUnitForgetBias(c.bool("unit_forget_bias")).build()),
            entry("GRU", c -> recurrent(GRU.builder(), c)
                    .optRecurrentActivation(Activation.byName(c.text("recurrent_activation")))
                    .optResetAfter(c.bool("reset_after")).build()),
            entry("Bidirectional", LayerRegistry::bidirectional),
            entry("Embedding", c -> Embedding.builder()
                    .optName(c.optText("name"))
                    .setInputDim(c.intValue("input_dim"))
                    .setOutputDim(c.intValue("output_dim"))
                    .optEmbeddingsInitializer(Initializer.byName(c.text("embeddings_initializer")))
                    .optEmbeddingsRegularizer(regularizer(c.optObject("embeddings_regularizer")))
                    .optMaskZero(c.bool("mask_zero"))
                    .build()));

    private static final Set<String> RECURRENT = Set.of("SimpleRNN", "LSTM", "GRU");

    private LayerRegistry() {
    }

    /** Whether model files can hold layers of this type. */
    static boolean knows(String className) {
        return FACTORIES.containsKey(className);
    }

    /** The known types, sorted, for error messages. */
    static String known() {
        return new TreeSet<>(FACTORIES.keySet()).toString();
    }

    /**
     * Makes the layer {@code className} from {@code config}.
     *
     * @throws IllegalArgumentException naming the layer, for an unknown type, a missing, malformed
     *     or unknown config key, or a value the layer refuses
     */
    static Layer create(String className, JsonFields config) {
        LayerFactory factory = FACTORIES.get(className);
        if (factory == null) {
            throw config.error("unknown layer type '" + className + "'; model files can hold " + known());
        }
        try {
            Layer layer = factory.create(config);
            config.requireAllRead();
            return layer;
        } catch (JsonFields.Invalid e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw config.error(e.getMessage());
        }
    }

    private static Layer dense(JsonFields c) {
        return Dense.builder()
                .optName(c.optText("name"))
                .setUnits(c.intValue("units"))
                .optActivation(Activation.byName(c.text("activation")))
                .optUseBias(c.bool("use_bias"))
                .optKernelInitializer(Initializer.byName(c.text("kernel_initializer")))
                .optBiasInitializer(Initializer.byName(c.text("bias_initializer")))
                .optKernelRegularizer(regularizer(c.optObject("kernel_regularizer")))
                .optBiasRegularizer(regularizer(c.optObject("bias_regularizer")))
                .build();
    }

    /** Keras' Bidirectional: the wrapped recurrent layer is {@code {"class_name": .., "config": ..}}. */
    private static Layer bidirectional(JsonFields c) {
        String name = c.optText("name");
        String mergeMode = c.text("merge_mode");
        JsonFields wrapped = c.object("layer");
        String type = wrapped.text("class_name");
        if (!RECURRENT.contains(type)) {
            throw wrapped.error("Bidirectional wraps a recurrent layer " + new TreeSet<>(RECURRENT) + ", got '" + type + "'");
        }
        Layer layer = create(type, wrapped.object("config"));
        wrapped.requireAllRead();
        Bidirectional.MergeMode mode = switch (mergeMode) {
            case "concat", "sum", "mul", "ave" -> Bidirectional.MergeMode.valueOf(mergeMode.toUpperCase(java.util.Locale.ROOT));
            default -> throw c.error("unknown merge_mode '" + mergeMode + "'; expected concat, sum, mul or ave");
        };
        return new Bidirectional(name, (RecurrentLayer) layer, mode);
    }

    /** The options every recurrent layer writes (see {@code RecurrentLayer.config()}). */
    private static <B extends RecurrentLayer.Builder<B>> B recurrent(B builder, JsonFields c) {
        return builder.optName(c.optText("name"))
                .setUnits(c.intValue("units"))
                .optActivation(Activation.byName(c.text("activation")))
                .optUseBias(c.bool("use_bias"))
                .optKernelInitializer(Initializer.byName(c.text("kernel_initializer")))
                .optRecurrentInitializer(Initializer.byName(c.text("recurrent_initializer")))
                .optBiasInitializer(Initializer.byName(c.text("bias_initializer")))
                .optDropout(c.floatValue("dropout"))
                .optRecurrentDropout(c.floatValue("recurrent_dropout"))
                .optReturnSequences(c.bool("return_sequences"))
                .optReturnState(c.bool("return_state"))
                .optGoBackwards(c.bool("go_backwards"))
                .optStateful(c.bool("stateful"))
                .optTruncateBptt(c.intValue("truncate_bptt"));
    }

    /** Keras' L1L2 as {@code {"l1": .., "l2": ..}}, or null. */
    private static Regularizer regularizer(JsonFields r) {
        if (r == null) {
            return null;
        }
        Regularizer regularizer = new Regularizer(r.floatValue("l1"), r.floatValue("l2"));
        r.requireAllRead();
        return regularizer;
    }
}
