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
 * Grouped-query attention (Ainslie et al., 2023), Keras' {@code GroupQueryAttention} (class
 * {@code GroupedQueryAttention}): multi-head attention whose {@code num_query_heads} query heads share
 * {@code num_key_value_heads} key and value heads, {@code r = num_query_heads / num_key_value_heads}
 * query heads per group, query head {@code u} reading key/value head {@code u / r}.
 *
 * <pre>
 *   Q_u = query·Wq_u + bq_u      K_g = key·Wk_g + bk_g      V_g = value·Wv_g + bv_g
 *   A_u = softmax(Q_u·K_gᵀ / sqrt(head_dim), mask),  g = u / r     (batch, Tq, Tv)
 *   output = Σ_u (A_u·V_g)·Wo_u + bo                                (batch, Tq, features)
 * </pre>
 *
 * <p>Inputs: {@code [query (batch, Tq, F), value (batch, Tv, F)]} or
 * {@code [query, value, key (batch, Tv, Fk)]}; query and value have the same features, as Keras
 * requires. Weights as Keras names, shapes and orders them: {@code query.kernel}
 * {@code (F, num_query_heads, head_dim)}, {@code query.bias} {@code (num_query_heads, head_dim)},
 * {@code key.kernel} {@code (Fk, num_key_value_heads, head_dim)}, {@code key.bias}, {@code value.kernel}
 * {@code (F, num_key_value_heads, head_dim)}, {@code value.bias}, {@code attention_output.kernel}
 * {@code (num_query_heads, head_dim, F)}, {@code attention_output.bias} {@code (F)}; without
 * {@code use_bias}, no biases. With as many key/value heads as query heads it is multi-head
 * attention; with one, multi-query attention. Keys and values are shared, never copied per head.
 *
 * <p>Masks, dropout and the treatment of query steps that may attend to nothing are those of
 * {@link MultiHeadAttention}; the output carries the query's mask. Only inputs of rank 3.
 *
 * <pre>{@code
 * GroupedQueryAttention gqa = GroupedQueryAttention.builder()
 *         .setHeadDim(16).setNumQueryHeads(8).setNumKeyValueHeads(2).build();
 * SymbolicTensor y = gqa.apply(x, x);                                 // (batch, time, features)
 * AttentionResult r = gqa.callWithScores(q, v, null, null, false);    // scores (batch, 8, Tq, Tv)
 * }</pre>
 */
public final class GroupedQueryAttention extends ProjectedAttention {
    private final int headDim;
    private final int numQueryHeads;
    private final int numKeyValueHeads;
    private final float dropout;
    private final boolean useBias;
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

    private GroupedQueryAttention(Builder b) {
        super(b.name, b.returnAttentionScores);
        if (b.headDim <= 0 || b.numQueryHeads <= 0 || b.numKeyValueHeads <= 0) {
            throw new IllegalArgumentException("GroupedQueryAttention: head_dim, num_query_heads and"
                    + " num_key_value_heads must be positive, got head_dim=" + b.headDim + ", num_query_heads="
                    + b.numQueryHeads + ", num_key_value_heads=" + b.numKeyValueHeads);
        }
        if (b.numQueryHeads % b.numKeyValueHeads != 0) {
            throw new IllegalArgumentException("GroupedQueryAttention: num_query_heads must be divisible by"
                    + " num_key_value_heads, got " + b.numQueryHeads + " and " + b.numKeyValueHeads);
        }
        this.headDim = b.headDim;
        this.numQueryHeads = b.numQueryHeads;
        this.numKeyValueHeads = b.numKeyValueHeads;
        this.dropout = AttentionDropout.checkedRate("GroupedQueryAttention", b.dropout);
        this.useBias = b.useBias;
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
        return "GroupedQueryAttention";
    }

    public int headDim() {
        return headDim;
    }

    public int numQueryHeads() {
        return numQueryHeads;
    }

    public int numKeyValueHeads() {
        return numKeyValueHeads;
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        throw error("expects [query, value] or [query, value, key], got one input");
    }

    @Override
    public int[] outputShape(List<int[]> inputShapes) {
        AttentionShapes shapes = checkedShapes(inputShapes);
        return shapes.query().clone();
    }

    /** Keras' rule: the output has the query's features, projected from heads fed by the value. */
    private AttentionShapes checkedShapes(List<int[]> inputShapes) {
        AttentionShapes shapes = AttentionShapes.of(this::error, inputShapes);
        if (shapes.query()[1] != shapes.value()[1]) {
            throw error("query and value must have the same number of features, got query "
                    + Merge.withBatch(shapes.query()) + " and value " + Merge.withBatch(shapes.value()));
        }
        return shapes;
    }

    @Override
    protected void createWeights(List<int[]> inputShapes, Rng seeded) {
        AttentionShapes shapes = checkedShapes(inputShapes);
        int features = shapes.query()[1];
        queryKernel = kernel("query", seeded, features, numQueryHeads, headDim);
        queryBias = bias("query", seeded, numQueryHeads, headDim);
        keyKernel = kernel("key", seeded, shapes.key()[1], numKeyValueHeads, headDim);
        keyBias = bias("key", seeded, numKeyValueHeads, headDim);
        valueKernel = kernel("value", seeded, shapes.value()[1], numKeyValueHeads, headDim);
        valueBias = bias("value", seeded, numKeyValueHeads, headDim);
        outputKernel = kernel("attention_output", seeded, numQueryHeads, headDim, features);
        outputBias = bias("attention_output", seeded, features);
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
        return numQueryHeads;
    }

    @Override
    AttentionResult attend(Variable query, Variable value, Variable key, Tensor attentionMask,
                                   boolean training, boolean withScores) {
        Variable k = key == null ? value : key;
        AttentionShapes.check(this::error, query, value, k, queryKernel.value().dim(0), keyKernel.value().dim(0),
                valueKernel.value().dim(0));
        int batch = query.shape()[0];
        Tensor mask = AttentionMasks.combine(this::error, batch, query.shape()[1], value.shape()[1], query.mask(),
                value.mask(), key == null ? null : key.mask(), attentionMask, useCausalMask);
        AttentionResult r = HeadAttention.layer(query, k, value, new HeadAttention.Weights(queryKernel, queryBias,
                keyKernel, keyBias, valueKernel, valueBias, outputKernel, outputBias), numQueryHeads,
                numKeyValueHeads, mask, dropout, rng(), training, withScores);            // (b, Tq, F)
        return new AttentionResult(r.output().withMask(query.mask()), r.scores());
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
        config.put("head_dim", headDim);
        config.put("num_query_heads", numQueryHeads);
        config.put("num_key_value_heads", numKeyValueHeads);
        config.put("dropout", dropout);
        config.put("use_bias", useBias);
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
    public static GroupedQueryAttention fromConfig(LayerConfig c) {
        return builder()
                .optName(c.optName())
                .setHeadDim(c.intValue("head_dim"))
                .setNumQueryHeads(c.intValue("num_query_heads"))
                .setNumKeyValueHeads(c.intValue("num_key_value_heads"))
                .optDropout(c.floatValue("dropout"))
                .optUseBias(c.bool("use_bias"))
                .optUseCausalMask(c.bool("use_causal_mask"))
                .optReturnAttentionScores(c.has("return_attention_scores") && c.bool("return_attention_scores"))
                .optKernelInitializer(c.initializer("kernel_initializer"))
                .optBiasInitializer(c.initializer("bias_initializer"))
                .optKernelRegularizer(c.optRegularizer("kernel_regularizer"))
                .optBiasRegularizer(c.optRegularizer("bias_regularizer"))
                .build();
    }

    /** Builds a {@link GroupedQueryAttention}: the head size and both head counts are required. */
    public static final class Builder {
        private String name;
        private int headDim;
        private int numQueryHeads;
        private int numKeyValueHeads;
        private float dropout;
        private boolean useBias = true;
        private boolean useCausalMask;
        private boolean returnAttentionScores;
        private Initializer kernelInitializer = Initializer.glorotUniform();
        private Initializer biasInitializer = Initializer.zeros();
        private Regularizer kernelRegularizer;
        private Regularizer biasRegularizer;

        private Builder() {
        }

        public Builder setHeadDim(int value) {
            this.headDim = value;
            return this;
        }

        public Builder setNumQueryHeads(int value) {
            this.numQueryHeads = value;
            return this;
        }

        /** Key/value heads; must divide the query heads. */
        public Builder setNumKeyValueHeads(int value) {
            this.numKeyValueHeads = value;
            return this;
        }

        public Builder optName(String value) {
            this.name = value;
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

        public GroupedQueryAttention build() {
            return new GroupedQueryAttention(this);
        }
    }
}
