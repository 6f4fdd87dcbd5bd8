package org.neurite.nn.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neurite.autograd.Variable;
import org.neurite.nn.Activation;
import org.neurite.nn.Layer;
import org.neurite.nn.LayerConfig;
import org.neurite.nn.Parameter;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;

/**
 * One transformer decoder block, KerasHub's {@code TransformerDecoder}: causal self-attention, then
 * (when built with an encoder sequence) cross-attention on it, then a two-layer feed-forward
 * network, each inside a residual step as in {@link TransformerEncoder}.
 *
 * <pre>
 *   x = norm(x + dropout(MultiHeadAttention(x, x, causal ∧ padding)))       (batch, Td, hidden)
 *   x = norm(x + dropout(MultiHeadAttention(x, encoder, encoder padding)))  only with an encoder
 *   y = norm(x + dropout(Dense(hidden)(Dense(intermediate_dim, activation)(x))))
 * </pre>
 *
 * <p>Inputs: {@code [decoder (batch, Td, hidden)]} or {@code [decoder, encoder (batch, Te, He)]};
 * a block built with one form must be called with the same. Options and defaults as
 * {@link TransformerEncoder}. Masks as KerasHub: the decoder's padding mask (its timestep mask, or
 * an explicit one) and {@code decoder_attention_mask} are ANDed with the causal mask (unless
 * {@code use_causal_mask} is false); the encoder's padding mask and {@code encoder_attention_mask}
 * mask the cross-attention's keys; as in KerasHub, these merged masks are all the attention sees (a
 * padded decoder step is not masked as a query). The output carries the decoder's mask. Weights as KerasHub names
 * and orders them: {@code self_attention.*}, {@code self_attention_layer_norm.*},
 * {@code cross_attention.*}, {@code cross_attention_layer_norm.*},
 * {@code feedforward_intermediate_dense.*}, {@code feedforward_output_dense.*},
 * {@code feedforward_layer_norm.*}. KerasHub's key/value caches for generation are not offered.
 *
 * <pre>{@code
 * TransformerDecoder decoder = TransformerDecoder.builder().setIntermediateDim(64).setNumHeads(4).build();
 * SymbolicTensor y = decoder.apply(decoderSequence, encoderSequence);       // (batch, Td, hidden)
 * }</pre>
 */
public final class TransformerDecoder extends Layer {
    private final TransformerParts parts;
    private MultiHeadAttention selfAttention;
    private LayerNormalization selfAttentionNorm;
    private Dropout selfAttentionDropout;
    private MultiHeadAttention crossAttention;
    private LayerNormalization crossAttentionNorm;
    private Dropout crossAttentionDropout;
    private Dense intermediateDense;
    private Dense outputDense;
    private LayerNormalization feedforwardNorm;
    private Dropout feedforwardDropout;

    private TransformerDecoder(String name, TransformerParts parts) {
        super(name);
        this.parts = parts;
    }

    /** KerasHub's {@code TransformerDecoder(intermediate_dim, num_heads)} with its defaults. */
    public TransformerDecoder(int intermediateDim, int numHeads) {
        this(null, builder().setIntermediateDim(intermediateDim).setNumHeads(numHeads).parts("TransformerDecoder"));
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String type() {
        return "TransformerDecoder";
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        return outputShape(List.of(inputShape));
    }

    @Override
    public int[] outputShape(List<int[]> inputShapes) {
        if (inputShapes.isEmpty() || inputShapes.size() > 2) {
            throw error("expects [decoder_sequence] or [decoder_sequence, encoder_sequence], got "
                    + inputShapes.size() + " inputs");
        }
        for (int[] shape : inputShapes) {
            if (shape.length != 2) {
                throw error("expects sequences (batch, time, features), got " + Merge.withBatch(shape));
            }
        }
        parts.headDim(this::error, inputShapes.get(0)[1]);
        return inputShapes.get(0).clone();
    }

    @Override
    protected void createWeights(List<int[]> inputShapes, Rng rng) {
        int[] shape = inputShapes.get(0);                                                 // (Td, hidden)
        int hidden = shape[1];
        int headDim = parts.headDim(this::error, hidden);
        selfAttention = parts.attention("self_attention", headDim);
        selfAttentionNorm = parts.norm("self_attention_layer_norm");
        selfAttentionDropout = new Dropout("self_attention_dropout", parts.dropout());
        buildInner(selfAttention, List.of(shape, shape), rng);
        buildInner(selfAttentionNorm, List.of(shape), rng);
        buildInner(selfAttentionDropout, List.of(shape), rng);
        if (inputShapes.size() == 2) {
            crossAttention = parts.attention("cross_attention", headDim);
            crossAttentionNorm = parts.norm("cross_attention_layer_norm");
            crossAttentionDropout = new Dropout("cross_attention_dropout", parts.dropout());
            buildInner(crossAttention, List.of(shape, inputShapes.get(1)), rng);
            buildInner(crossAttentionNorm, List.of(shape), rng);
            buildInner(crossAttentionDropout, List.of(shape), rng);
        }
        intermediateDense = parts.dense("feedforward_intermediate_dense", parts.intermediateDim(), parts.activation());
        outputDense = parts.dense("feedforward_output_dense", hidden, Activation.LINEAR);
        feedforwardNorm = parts.norm("feedforward_layer_norm");
        feedforwardDropout = new Dropout("feedforward_dropout", parts.dropout());
        buildInner(intermediateDense, List.of(shape), rng);
        buildInner(outputDense, List.of(new int[] {shape[0], parts.intermediateDim()}), rng);
        buildInner(feedforwardNorm, List.of(shape), rng);
        buildInner(feedforwardDropout, List.of(shape), rng);
    }

    /** The sublayers' weights in KerasHub's order. */
    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        if (selfAttention == null) {
            return List.of();
        }
        all.addAll(selfAttention.parameters());
        all.addAll(selfAttentionNorm.parameters());
        if (crossAttention != null) {
            all.addAll(crossAttention.parameters());
            all.addAll(crossAttentionNorm.parameters());
        }
        for (Layer l : List.of(intermediateDense, outputDense, feedforwardNorm)) {
            all.addAll(l.parameters());
        }
        return List.copyOf(all);
    }

    @Override
    public Variable call(Variable input, boolean training) {
        return call(input, null, null, null, null, null, true, training);
    }

    @Override
    public Variable call(List<Variable> inputs, boolean training) {
        if (inputs.isEmpty() || inputs.size() > 2) {
            throw error("expects [decoder_sequence] or [decoder_sequence, encoder_sequence], got "
                    + inputs.size() + " inputs");
        }
        return call(inputs.get(0), inputs.size() == 2 ? inputs.get(1) : null, null, null, null, null, true, training);
    }

    /**
     * The block with KerasHub's call arguments.
     *
     * @param encoder the encoder sequence {@code (batch, Te, He)}, or null for a block built without one
     * @param decoderPaddingMask {@code (batch, Td)}, or null to use the decoder's mask
     * @param decoderAttentionMask {@code (batch, Td, Td)}, or null
     * @param encoderPaddingMask {@code (batch, Te)}, or null to use the encoder's mask
     * @param encoderAttentionMask {@code (batch, Td, Te)}, or null
     * @param useCausalMask whether a decoder step may attend only to itself and earlier steps (KerasHub: true)
     */
    public Variable call(Variable decoder, Variable encoder, Tensor decoderPaddingMask, Tensor decoderAttentionMask,
                         Tensor encoderPaddingMask, Tensor encoderAttentionMask, boolean useCausalMask,
                         boolean training) {
        if (!isBuilt()) {
            throw error("is not built yet; build its model first");
        }
        if ((encoder != null) != (crossAttention != null)) {
            throw error("was built " + (crossAttention != null ? "with" : "without") + " cross-attention, so it must"
                    + " be called with " + (crossAttention != null ? "[decoder_sequence, encoder_sequence]"
                    : "[decoder_sequence] alone") + "; the number of inputs cannot change");
        }
        Tensor decoderMask = decoder.mask();
        int batch = decoder.shape()[0];
        int td = decoder.shape()[1];
        AttentionMasks.check(this::error, "decoder_padding_mask", decoderPaddingMask, batch, td);
        if (encoder != null) {
            AttentionMasks.check(this::error, "encoder_padding_mask", encoderPaddingMask, batch, encoder.shape()[1]);
        }
        Tensor selfMask = mask(batch, td, td, decoderPaddingMask != null ? decoderPaddingMask : decoderMask,
                decoderAttentionMask, useCausalMask);
        Variable x = parts.residual(decoder, selfAttentionNorm, selfAttentionDropout,
                v -> selfAttention.call(withoutMask(v), withoutMask(v), null, selfMask, training), training);
        if (encoder != null) {
            Tensor crossMask = mask(batch, td, encoder.shape()[1],
                    encoderPaddingMask != null ? encoderPaddingMask : encoder.mask(), encoderAttentionMask, false);
            x = parts.residual(x, crossAttentionNorm, crossAttentionDropout,
                    v -> crossAttention.call(v, withoutMask(encoder), null, crossMask, training), training);
        }
        Variable y = parts.residual(x, feedforwardNorm, feedforwardDropout,
                v -> outputDense.call(intermediateDense.call(v, training), training), training);
        return y.withMask(decoderMask);
    }

    /**
     * The sequence without its timestep mask, leaving the caller's tensor as it was: KerasHub's
     * decoder attends through {@code CachedMultiHeadAttention}, which sees only the merged attention
     * mask, so a padded decoder step still attends (causally, to the unpadded steps) instead of being
     * masked as a query as {@link MultiHeadAttention} would mask it.
     */
    private static Variable withoutMask(Variable v) {
        return v.mask() == null ? v : v.reshape(v.shape()).withMask(null);
    }

    private Tensor mask(int batch, int tq, int tv, Tensor padding, Tensor attentionMask, boolean causal) {
        return padding == null && attentionMask == null && !causal ? null
                : AttentionMasks.combine(this::error, batch, tq, tv, null, padding, null, attentionMask, causal);
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
    public static TransformerDecoder fromConfig(LayerConfig c) {
        return builder().optName(c.optName()).setIntermediateDim(c.intValue("intermediate_dim"))
                .setNumHeads(c.intValue("num_heads")).optDropout(c.floatValue("dropout"))
                .optActivation(c.activation("activation")).optLayerNormEpsilon(c.floatValue("layer_norm_epsilon"))
                .optKernelInitializer(c.initializer("kernel_initializer"))
                .optBiasInitializer(c.initializer("bias_initializer")).optNormalizeFirst(c.bool("normalize_first"))
                .build();
    }

    /** Builds a {@link TransformerDecoder}: {@code setIntermediateDim} and {@code setNumHeads} are required. */
    public static final class Builder extends TransformerBuilder<Builder> {
        private Builder() {
        }

        public TransformerDecoder build() {
            return new TransformerDecoder(name, parts("TransformerDecoder"));
        }
    }
}
