package org.neurite.nn.layers;

import java.util.List;
import org.neurite.autograd.Variable;
import org.neurite.nn.Layer;
import org.neurite.tensor.Tensor;

/**
 * What {@link MultiHeadAttention} and {@link GroupedQueryAttention} share: inputs
 * {@code [query, value]} or {@code [query, value, key]}, the attention scores as a second output
 * when {@code return_attention_scores} is set, and the Java entry points with an explicit attention
 * mask. Each subclass projects the heads and attends in {@link #attend}.
 */
abstract sealed class ProjectedAttention extends Layer permits MultiHeadAttention, GroupedQueryAttention {
    /** Keras' {@code return_attention_scores} call argument, kept as a layer option so files hold it. */
    final boolean returnAttentionScores;

    ProjectedAttention(String name, boolean returnAttentionScores) {
        super(name);
        this.returnAttentionScores = returnAttentionScores;
    }

    /** The number of heads the scores have: {@code (batch, heads, Tq, Tv)}. */
    abstract int scoreHeads();

    /**
     * The output and, when {@code withScores}, the scores; {@code key} null means the value,
     * {@code attentionMask} null means none.
     */
    abstract AttentionResult attend(Variable query, Variable value, Variable key, Tensor attentionMask,
                                    boolean training, boolean withScores);

    @Override
    public Variable call(Variable input, boolean training) {
        throw error("expects [query, value] or [query, value, key], got one input");
    }

    /**
     * The output's shape, then with return_attention_scores (Keras' call argument, kept here as a
     * layer option so that a model file holds it) the scores' {@code (heads, Tq, Tv)}.
     */
    @Override
    public List<int[]> outputShapes(List<int[]> inputShapes) {
        int[] output = outputShape(inputShapes);
        if (!returnAttentionScores) {
            return List.of(output);
        }
        AttentionShapes shapes = AttentionShapes.of(this::error, inputShapes);
        return List.of(output, new int[] {scoreHeads(), shapes.query()[0], shapes.value()[0]});
    }

    /** The output and, with return_attention_scores, the scores (which carry no mask). */
    @Override
    public List<Variable> callAll(List<Variable> inputs, boolean training) {
        if (!returnAttentionScores) {
            return List.of(call(inputs, training));
        }
        if (inputs.size() < 2 || inputs.size() > 3) {
            throw error("expects [query, value] or [query, value, key], got " + inputs.size() + " inputs");
        }
        AttentionResult r = attend(inputs.get(0), inputs.get(1), inputs.size() == 3 ? inputs.get(2) : null, null,
                training, true);
        return List.of(r.output(), r.scores());
    }

    @Override
    public Variable call(List<Variable> inputs, boolean training) {
        if (inputs.size() < 2 || inputs.size() > 3) {
            throw error("expects [query, value] or [query, value, key], got " + inputs.size() + " inputs");
        }
        return attend(inputs.get(0), inputs.get(1), inputs.size() == 3 ? inputs.get(2) : null, null, training,
                false).output();
    }

    /**
     * Computes the output and the attention scores (Keras' {@code return_attention_scores=True}):
     * scores {@code (batch, heads, Tq, Tv)} after masking and softmax, before dropout.
     *
     * @param key the key, or null to use the value
     * @param attentionMask {@code (batch, Tq, Tv)} or {@code (Tq, Tv)}, non-zero where attention is
     *     allowed, or null
     */
    public AttentionResult callWithScores(Variable query, Variable value, Variable key, Tensor attentionMask,
                                          boolean training) {
        return attend(query, value, key, attentionMask, training, true);
    }

    /** The output alone, with an explicit attention mask (Keras' {@code attention_mask}). */
    public Variable call(Variable query, Variable value, Variable key, Tensor attentionMask, boolean training) {
        return attend(query, value, key, attentionMask, training, false).output();
    }
}
