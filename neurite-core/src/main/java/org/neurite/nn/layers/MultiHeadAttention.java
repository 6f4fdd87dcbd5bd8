package org.neurite.nn.layers;

import java.util.List;
import java.util.Map;
import org.neurite.autograd.Variable;
import org.neurite.nn.Initializer;
import org.neurite.nn.Layer;
import org.neurite.nn.LayerConfig;
import org.neurite.nn.Parameter;
import org.neurite.nn.Regularizer;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;

/**
 * Multi-head attention (Vaswani et al., 2017), Keras' {@code MultiHeadAttention}: each of
 * {@code num_heads} heads projects the query, key and value, attends, and the heads' results are
 * projected back together.
 *
 * <pre>
 *   Q_h = query·Wq_h + bq_h      K_h = key·Wk_h + bk_h      V_h = value·Wv_h + bv_h
 *   A_h = softmax(Q_h·K_hᵀ / sqrt(key_dim), mask)            (batch, Tq, Tv)
 *   output = Σ_h (A_h·V_h)·Wo_h + bo                          (batch, Tq, output_shape or features)
 * </pre>
 *
 * <p>Inputs: {@code [query (batch, Tq, Fq), value (batch, Tv, Fv)]} or
 * {@code [query, value, key (batch, Tv, Fk)]}; without a key, the value is the key. Weights as
 * Keras names, shapes and orders them, so Keras weights map one to one: {@code query.kernel}
 * {@code (Fq, heads, key_dim)}, {@code query.bias} {@code (heads, key_dim)}, {@code key.kernel}
 * {@code (Fk, heads, key_dim)}, {@code key.bias}, {@code value.kernel} {@code (Fv, heads, value_dim)},
 * {@code value.bias} {@code (heads, value_dim)}, {@code attention_output.kernel}
 * {@code (heads, value_dim, out)}, {@code attention_output.bias} {@code (out)}; without
 * {@code use_bias}, no biases. Defaults as Keras: {@code value_dim = key_dim}, {@code out} the query's
 * features, glorot_uniform kernels, zero biases, no dropout.
 *
 * <p>Masks as Keras: the timestep masks of the query, the value and (when given) the key, the causal
 * mask and an explicit {@code attention_mask} are ANDed ({@link AttentionMasks}); the output carries
 * the query's mask, and, as in Keras, the inputs lose theirs (later users of the same tensors see
 * none). A query step that may attend to nothing (a padded query) gets uniform weights on
 * Keras' default path, but zero weights when the scores are returned or dropout is set (Keras takes
 * its {@code Softmax} layer then); this layer does the same, so its outputs match Keras' either way.
 * Dropout applies to the attention weights during training. Only inputs of rank 3 are supported
 * (Keras' default {@code attention_axes}), and {@code output_shape} is one dimension.
 *
 * <pre>{@code
 * SymbolicTensor tokens = Input.of(200);
 * SymbolicTensor x = Embedding.builder().setInputDim(20000).setOutputDim(32).optMaskZero(true).build().apply(tokens);
 * MultiHeadAttention mha = MultiHeadAttention.builder().setNumHeads(2).setKeyDim(32).build();
 * SymbolicTensor y = mha.apply(x, x);                                        // (batch, 200, 32)
 * AttentionResult r = mha.callWithScores(q, v, null, null, false);           // from Java: scores (batch, 2, Tq, Tv)
 * }</pre>
 */
public final class MultiHeadAttention extends ProjectedAttention {
    private final int numHeads;
    private final int keyDim;
    private final int valueDim;
    private final float dropout;
    private final boolean useBias;
    private final int outputDim;
    private final boolean useCausalMask;
    private final Initializer kernelInitializer;
    private final Initializer biasInitializer;
    private final Regularizer kernelRegularizer;
    private final Regularizer biasRegularizer;
    private Parameter queryKernel;
    private Parameter queryBias;
    private Parameter keyKernel;
    private Parameter keyBias;
    private Parameter valueKernel;
    private Parameter valueBias;
    private Parameter outputKernel;
    private Parameter outputBias;
    private Rng rng;

    private MultiHeadAttention(Builder b) {
        super(b.name, b.returnAttentionScores);
        if (b.numHeads <= 0 || b.keyDim <= 0 || b.valueDim < 0 || b.outputDim < 0) {
            throw new IllegalArgumentException("MultiHeadAttention: num_heads and key_dim must be positive and"
                    + " value_dim, output_shape positive when given, got num_heads=" + b.numHeads + ", key_dim="
                    + b.keyDim + ", value_dim=" + b.valueDim + ", output_shape=" + b.outputDim);
        }
        this.numHeads = b.numHeads;
        this.keyDim = b.keyDim;
        this.valueDim = b.valueDim == 0 ? b.keyDim : b.valueDim;
        this.dropout = AttentionDropout.checkedRate("MultiHeadAttention", b.dropout);
        this.useBias = b.useBias;
        this.outputDim = b.outputDim;
        this.useCausalMask = b.useCausalMask;
        this.kernelInitializer = b.kernelInitializer;
        this.biasInitializer = b.biasInitializer;
        this.kernelRegularizer = b.kernelRegularizer;
        this.biasRegularizer = b.biasRegularizer;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String type() {
        return "MultiHeadAttention";
    }

    public int numHeads() {
        return numHeads;
    }

    public int keyDim() {
        return keyDim;
    }

    public int valueDim() {
        return valueDim;
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        throw error("expects [query, value] or [query, value, key], got one input");
    }

    @Override
    public int[] outputShape(List<int[]> inputShapes) {
        AttentionShapes shapes = AttentionShapes.of(this::error, inputShapes);
        return new int[] {shapes.query()[0], outputDim > 0 ? outputDim : shapes.query()[1]};
    }

    @Override
    protected void createWeights(List<int[]> inputShapes, Rng seeded) {
        AttentionShapes shapes = AttentionShapes.of(this::error, inputShapes);
        int out = outputDim > 0 ? outputDim : shapes.query()[1];
        queryKernel = kernel("query", seeded, shapes.query()[1], numHeads, keyDim);
        queryBias = bias("query", seeded, numHeads, keyDim);
        keyKernel = kernel("key", seeded, shapes.key()[1], numHeads, keyDim);
        keyBias = bias("key", seeded, numHeads, keyDim);
        valueKernel = kernel("value", seeded, shapes.value()[1], numHeads, valueDim);
        valueBias = bias("value", seeded, numHeads, valueDim);
        outputKernel = kernel("attention_output", seeded, numHeads, valueDim, out);
        outputBias = bias("attention_output", seeded, out);
        this.rng = seeded;
    }

    private Parameter kernel(String sublayer, Rng seeded, int... shape) {
        return addParameter(sublayer + ".kernel", kernelInitializer, kernelRegularizer, true, seeded, shape);
    }

    private Parameter bias(String sublayer, Rng seeded, int... shape) {
        return useBias ? addParameter(sublayer + ".bias", biasInitializer, biasRegularizer, true, seeded, shape) : null;
    }

    @Override
    int scoreHeads() {
        return numHeads;
    }

    @Override
    AttentionResult attend(Variable query, Variable value, Variable key, Tensor attentionMask,
                                   boolean training, boolean withScores) {
        Variable k = key == null ? value : key;
        AttentionShapes.check(this::error, query, value, k, queryKernel.value().dim(0), keyKernel.value().dim(0),
                valueKernel.value().dim(0));
        int batch = query.shape()[0];
        Tensor queryMask = query.mask();
        Tensor mask = AttentionMasks.combine(this::error, batch, query.shape()[1], value.shape()[1], queryMask,
                value.mask(), key == null ? null : key.mask(), attentionMask, useCausalMask);
        stripMasks(query, value, key);
        AttentionResult r = HeadAttention.layer(query, k, value, new HeadAttention.Weights(queryKernel, queryBias,
                keyKernel, keyBias, valueKernel, valueBias, outputKernel, outputBias), numHeads, numHeads, mask,
                dropout, rng(), training, withScores);                                    // (b, Tq, out)
        return new AttentionResult(r.output().withMask(queryMask), r.scores());
    }

    /**
     * Keras' {@code MultiHeadAttention.call} removes the masks from its input tensors once it has read
     * them ("the masks are handled at the level of the layer"), so a layer that uses the same tensors
     * after it in a graph sees them unmasked: {@code Attention([mha(x, x), x])} gets no value mask.
     * This layer does the same, so that such graphs compute what Keras computes.
     */
    private static void stripMasks(Variable... inputs) {
        for (Variable input : inputs) {
            if (input != null) {
                input.withMask(null);
            }
        }
    }

    private Rng rng() {
        if (rng == null) {
            rng = new Rng(0);
        }
        return rng;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("num_heads", numHeads);
        config.put("key_dim", keyDim);
        config.put("value_dim", valueDim);
        config.put("dropout", dropout);
        config.put("use_bias", useBias);
        config.put("output_shape", outputDim > 0 ? List.of(outputDim) : null);
        config.put("use_causal_mask", useCausalMask);
        if (returnAttentionScores) {
            config.put("return_attention_scores", true);
        }
        config.put("kernel_initializer", kernelInitializer.name());
        config.put("bias_initializer", biasInitializer.name());
        config.put("kernel_regularizer", kernelRegularizer);
        config.put("bias_regularizer", biasRegularizer);
        return config;
    }

    /** Makes the layer {@link #config()} describes. */
    public static MultiHeadAttention fromConfig(LayerConfig c) {
        int[] outputShape = c.optIntArray("output_shape");
        if (outputShape != null && outputShape.length != 1) {
            throw c.error("'output_shape' must be one dimension for inputs of rank 3, got "
                    + java.util.Arrays.toString(outputShape));
        }
        return builder()
                .optName(c.optName())
                .setNumHeads(c.intValue("num_heads"))
                .setKeyDim(c.intValue("key_dim"))
                .optValueDim(c.intValue("value_dim"))
                .optDropout(c.floatValue("dropout"))
                .optUseBias(c.bool("use_bias"))
                .optOutputShape(outputShape == null ? 0 : outputShape[0])
                .optUseCausalMask(c.bool("use_causal_mask"))
                .optReturnAttentionScores(c.has("return_attention_scores") && c.bool("return_attention_scores"))
                .optKernelInitializer(c.initializer("kernel_initializer"))
                .optBiasInitializer(c.initializer("bias_initializer"))
                .optKernelRegularizer(c.optRegularizer("kernel_regularizer"))
                .optBiasRegularizer(c.optRegularizer("bias_regularizer"))
                .build();
    }

    /** Builds a {@link MultiHeadAttention}: {@code setNumHeads} and {@code setKeyDim} are required. */
    public static final class Builder {
        private String name;
        private int numHeads;
        private int keyDim;
        private int valueDim;
        private float dropout;
        private boolean useBias = true;
        private int outputDim;
        private boolean useCausalMask;
        private boolean returnAttentionScores;
        private Initializer kernelInitializer = Initializer.glorotUniform();
        private Initializer biasInitializer = Initializer.zeros();
        private Regularizer kernelRegularizer;
        private Regularizer biasRegularizer;

        private Builder() {
        }

        public Builder setNumHeads(int value) {
            this.numHeads = value;
            return this;
        }

        /** The size of each head for query and key. */
        public Builder setKeyDim(int value) {
            this.keyDim = value;
            return this;
        }

        public Builder optName(String value) {
            this.name = value;
            return this;
        }

        /** The size of each head for value; defaults to {@code key_dim}. */
        public Builder optValueDim(int value) {
            this.valueDim = value;
            return this;
        }

        /** Dropout on the attention weights during training. */
        public Builder optDropout(float value) {
            this.dropout = value;
            return this;
        }

        public Builder optUseBias(boolean value) {
            this.useBias = value;
            return this;
        }

        /** The output's features; defaults to the query's. */
        public Builder optOutputShape(int value) {
            this.outputDim = value;
            return this;
        }

        /** Query step {@code i} attends to key steps {@code j <= i} only (Keras' call argument {@code use_causal_mask}). */
        public Builder optUseCausalMask(boolean value) {
            this.useCausalMask = value;
            return this;
        }

        /**
         * The layer has two outputs in a functional graph, the output and the scores (Keras' call
         * argument {@code return_attention_scores=True}): {@code List<SymbolicTensor> out = layer.applyAll(q, v)}.
         */
        public Builder optReturnAttentionScores(boolean value) {
            this.returnAttentionScores = value;
            return this;
        }

        public Builder optKernelInitializer(Initializer value) {
            this.kernelInitializer = value;
            return this;
        }

        public Builder optBiasInitializer(Initializer value) {
            this.biasInitializer = value;
            return this;
        }

        public Builder optKernelRegularizer(Regularizer value) {
            this.kernelRegularizer = value;
            return this;
        }

        public Builder optBiasRegularizer(Regularizer value) {
            this.biasRegularizer = value;
            return this;
        }

        public MultiHeadAttention build() {
            return new MultiHeadAttention(this);
        }
    }
}
