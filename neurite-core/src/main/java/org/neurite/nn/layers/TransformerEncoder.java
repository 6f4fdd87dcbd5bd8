package org.neurite.nn.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neurite.autograd.Variable;
import org.neurite.nn.Activation;
import org.neurite.nn.Initializer;
import org.neurite.nn.Layer;
import org.neurite.nn.LayerConfig;
import org.neurite.nn.Parameter;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;

/**
 * One transformer encoder block (Vaswani et al., 2017), KerasHub's {@code TransformerEncoder}:
 * self-attention, then a two-layer feed-forward network, each inside a residual step.
 *
 * <pre>
 *   a = MultiHeadAttention(num_heads, key_dim = hidden / num_heads)(x, x, mask)
 *   x = norm(x + dropout(a))                                   (batch, time, hidden)
 *   f = Dense(hidden)(Dense(intermediate_dim, activation)(x))
 *   y = norm(x + dropout(f))                                   (batch, time, hidden)
 * </pre>
 *
 * With {@code normalize_first} each norm moves to the sublayer's input instead
 * ({@code x + dropout(f(norm(x)))}, as GPT-2). Defaults as KerasHub: dropout 0, relu,
 * {@code layer_norm_epsilon} 1e-5, glorot_uniform kernels, zero biases, normalised after.
 *
 * <p>Masks as KerasHub: the padding mask {@code (batch, time)} (the input's timestep mask, or one
 * given to {@link #call(Variable, Tensor, Tensor, boolean)}, which then wins) hides padded keys, and
 * is ANDed with an optional {@code attention_mask} {@code (batch, time, time)}. The output carries the
 * input's mask. Weights as KerasHub names and orders them, so its weights map one to one:
 * {@code self_attention_layer.{query,key,value,attention_output}.{kernel,bias}},
 * {@code self_attention_layer_norm.{gamma,beta}}, {@code feedforward_layer_norm.{gamma,beta}},
 * {@code feedforward_intermediate_dense.{kernel,bias}}, {@code feedforward_output_dense.{kernel,bias}}.
 *
 * <pre>{@code
 * SymbolicTensor x = new TokenAndPositionEmbedding(20000, 200, 32).apply(Input.of(200));
 * SymbolicTensor y = TransformerEncoder.builder().setIntermediateDim(64).setNumHeads(2).build().apply(x);
 * }</pre>
 */
public final class TransformerEncoder extends Layer {
    private final TransformerParts parts;
    private MultiHeadAttention selfAttention;
    private LayerNormalization selfAttentionNorm;
    private Dropout selfAttentionDropout;
    private LayerNormalization feedforwardNorm;
    private Dense intermediateDense;
    private Dense outputDense;
    private Dropout feedforwardDropout;

    private TransformerEncoder(String name, TransformerParts parts) {
        super(name);
        this.parts = parts;
    }

    /** KerasHub's {@code TransformerEncoder(intermediate_dim, num_heads)} with its defaults. */
    public TransformerEncoder(int intermediateDim, int numHeads) {
        this(null, builder().setIntermediateDim(intermediateDim).setNumHeads(numHeads).parts("TransformerEncoder"));
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String type() {
        return "TransformerEncoder";
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (inputShape.length != 2) {
            throw error("expects a sequence (batch, time, features), got " + Merge.withBatch(inputShape));
        }
        parts.headDim(this::error, inputShape[1]);
        return inputShape.clone();
    }

    @Override
    protected void createWeights(List<int[]> inputShapes, Rng rng) {
        int[] shape = inputShapes.get(0);                                                 // (time, hidden)
        int hidden = shape[1];
        selfAttention = parts.attention("self_attention_layer", parts.headDim(this::error, hidden));
        selfAttentionNorm = parts.norm("self_attention_layer_norm");
        selfAttentionDropout = new Dropout("self_attention_dropout", parts.dropout());
        feedforwardNorm = parts.norm("feedforward_layer_norm");
        intermediateDense = parts.dense("feedforward_intermediate_dense", parts.intermediateDim(), parts.activation());
        outputDense = parts.dense("feedforward_output_dense", hidden, Activation.LINEAR);
        feedforwardDropout = new Dropout("feedforward_dropout", parts.dropout());
        buildInner(selfAttention, List.of(shape, shape), rng);
        buildInner(selfAttentionNorm, List.of(shape), rng);
        buildInner(selfAttentionDropout, List.of(shape), rng);
        buildInner(feedforwardNorm, List.of(shape), rng);
        buildInner(intermediateDense, List.of(shape), rng);
        buildInner(outputDense, List.of(new int[] {shape[0], parts.intermediateDim()}), rng);
        buildInner(feedforwardDropout, List.of(shape), rng);
    }

    /** The sublayers' weights in KerasHub's order. */
    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        if (selfAttention != null) {
            for (Layer l : List.of(selfAttention, selfAttentionNorm, feedforwardNorm, intermediateDense, outputDense)) {
                all.addAll(l.parameters());
            }
        }
        return List.copyOf(all);
    }

    @Override
    public Variable call(Variable input, boolean training) {
        return call(input, null, null, training);
    }

    /**
     * The block with KerasHub's explicit masks.
     *
     * @param paddingMask {@code (batch, time)}, 1 for real steps; null to use the input's mask
     * @param attentionMask {@code (batch, time, time)}, 1 where a step may attend to another, or null
     */
    public Variable call(Variable input, Tensor paddingMask, Tensor attentionMask, boolean training) {
        if (!isBuilt()) {
            throw error("is not built yet; build its model first");
        }
        Tensor inputMask = input.mask();
        Tensor padding = paddingMask != null ? paddingMask : inputMask;
        int[] shape = input.shape();                                                      // (batch, time, hidden)
        AttentionMasks.check(this::error, "padding_mask", paddingMask, shape[0], shape[1]);
        Tensor mask = padding == null && attentionMask == null ? null
                : AttentionMasks.combine(this::error, shape[0], shape[1], shape[1], null, padding, null,
                        attentionMask, false);
        Variable x = parts.residual(input, selfAttentionNorm, selfAttentionDropout,
                v -> selfAttention.call(v, v, null, mask, training), training);
        Variable y = parts.residual(x, feedforwardNorm, feedforwardDropout,
                v -> outputDense.call(intermediateDense.call(v, training), training), training);
        return y.withMask(inputMask);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("intermediate_dim", parts.intermediateDim());
        config.put("num_heads", parts.numHeads());
        config.put("dropout", parts.dropout());
        config.put("activation", parts.activation().kerasName());
        config.put("layer_norm_epsilon", parts.layerNormEpsilon());
        config.put("kernel_initializer", parts.kernelInitializer().name());
        config.put("bias_initializer", parts.biasInitializer().name());
        config.put("normalize_first", parts.normalizeFirst());
        return config;
    }

    /** The layer {@link #config()} describes. */
    public static TransformerEncoder fromConfig(LayerConfig c) {
        return builder().optName(c.optName()).setIntermediateDim(c.intValue("intermediate_dim"))
                .setNumHeads(c.intValue("num_heads")).optDropout(c.floatValue("dropout"))
                .optActivation(c.activation("activation")).optLayerNormEpsilon(c.floatValue("layer_norm_epsilon"))
                .optKernelInitializer(c.initializer("kernel_initializer"))
                .optBiasInitializer(c.initializer("bias_initializer")).optNormalizeFirst(c.bool("normalize_first"))
                .build();
    }

    /** Builds a {@link TransformerEncoder}: {@code setIntermediateDim} and {@code setNumHeads} are required. */
    public static final class Builder extends TransformerBuilder<Builder> {
        private Builder() {
        }

        public TransformerEncoder build() {
            return new TransformerEncoder(name, parts("TransformerEncoder"));
        }
    }
}
