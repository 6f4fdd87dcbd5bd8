package org.neurite.nn.layers;

import java.util.List;
import java.util.Map;
import org.neurite.autograd.MaskedSoftmax;
import org.neurite.autograd.Variable;
import org.neurite.nn.Layer;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Shapes;
import org.neurite.tensor.Tensor;

/**
 * The common part of the single-head attention layers {@link Attention} (Luong) and
 * {@link AdditiveAttention} (Bahdanau), which differ only in their scores: Keras' {@code Attention}
 * base. No projections: the inputs are attended to as they are.
 *
 * <pre>
 *   scores  = score(query, key)                 (batch, Tq, Tv)
 *   weights = softmax(scores, value mask, causal mask)
 *   output  = weights·value, zero at padded query steps      (batch, Tq, Fv)
 * </pre>
 *
 * <p>Inputs: {@code [query (batch, Tq, F), value (batch, Tv, Fv)]} or
 * {@code [query, value, key (batch, Tv, F)]}; without a key, the value is the key. Masks as Keras:
 * the value's timestep mask (not the key's) hides key steps, lowering their scores by {@code 1e9},
 * so a query step whose keys are all padding gets uniform weights; the causal mask combines with
 * it; the query's mask zeroes the output at padded query steps and passes on to the output. Dropout
 * applies to the weights during training.
 */
public abstract class BaseDenseAttention extends Layer {
    private final float dropout;
    private final boolean useCausalMask;
    private Rng rng;

    protected BaseDenseAttention(String name, float dropout, boolean useCausalMask) {
        super(name);
        this.dropout = AttentionDropout.checkedRate(getClass().getSimpleName(), dropout);
        this.useCausalMask = useCausalMask;
    }

    /** The scores {@code (batch, Tq, Tv)} of {@code query (batch, Tq, F)} against {@code key (batch, Tv, F)}. */
    protected abstract Variable scores(Variable query, Variable key);

    /**
     * Creates the score's weights for a query (and key) of {@code features} features, with
     * {@link #addParameter}; layers without weights keep the default.
     */
    protected void createScoreWeights(int features, Rng seeded) {
    }

    public float dropout() {
        return dropout;
    }

    public boolean useCausalMask() {
        return useCausalMask;
    }

    @Override
    public final int[] outputShape(int[] inputShape) {
        throw error("expects [query, value] or [query, value, key], got one input");
    }

    @Override
    public final int[] outputShape(List<int[]> inputShapes) {
        AttentionShapes shapes = AttentionShapes.of(this::error, inputShapes).sameQueryAndKeyFeatures(this::error);
        return new int[] {shapes.query()[0], shapes.value()[1]};
    }

    @Override
    protected final void createWeights(List<int[]> inputShapes, Rng seeded) {
        AttentionShapes shapes = AttentionShapes.of(this::error, inputShapes).sameQueryAndKeyFeatures(this::error);
        createScoreWeights(shapes.query()[1], seeded);
        this.rng = seeded;
    }

    @Override
    public final Variable call(Variable input, boolean training) {
        throw error("expects [query, value] or [query, value, key], got one input");
    }

    @Override
    public final Variable call(List<Variable> inputs, boolean training) {
        return callWithScores(inputs, training).output();
    }

    /**
     * Computes the output and the attention scores (Keras' {@code return_attention_scores=True}):
     * the weights {@code (batch, Tq, Tv)} after masking and softmax, before dropout.
     *
     * @param inputs {@code [query, value]} or {@code [query, value, key]}, masks attached to them
     */
    public final AttentionResult callWithScores(List<Variable> inputs, boolean training) {
        if (inputs.size() < 2 || inputs.size() > 3) {
            throw error("expects [query, value] or [query, value, key], got " + inputs.size() + " inputs");
        }
        Variable query = inputs.get(0);
        Variable value = inputs.get(1);
        Variable key = inputs.size() == 3 ? inputs.get(2) : value;
        AttentionShapes.check(this::error, query, value, key, -1, -1, -1);
        if (query.shape()[2] != key.shape()[2]) {
            throw error("query and key must have the same number of features, got query "
                    + Shapes.toString(query.shape()) + " and key " + Shapes.toString(key.shape()));
        }
        int batch = query.shape()[0];
        int tq = query.shape()[1];
        Tensor queryMask = query.mask();
        AttentionMasks.check(this::error, "query mask", queryMask, batch, tq);
        Tensor mask = AttentionMasks.combine(this::error, batch, tq, value.shape()[1], null, value.mask(), null, null,
                useCausalMask);
        Variable scores = scores(query, key);                                                       // (b, Tq, Tv)
        Variable weights = MaskedSoftmax.softmax(scores, mask, 1, MaskedSoftmax.FullyMasked.UNIFORM_SHIFTED);
        Variable dropped = training && dropout > 0f ? AttentionDropout.apply(weights, dropout, rng()) : weights;
        Variable output = dropped.matmul(value);                                                    // (b, Tq, Fv)
        if (queryMask != null) {
            output = output.mul(Variable.constant(queryMask.reshape(batch, tq, 1)));                 // padded queries: 0
        }
        return new AttentionResult(output.withMask(queryMask), weights);
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
        config.put("dropout", dropout);
        config.put("use_causal_mask", useCausalMask);
        return config;
    }
}
