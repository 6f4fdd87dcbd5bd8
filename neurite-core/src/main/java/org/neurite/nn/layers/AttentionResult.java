package org.neurite.nn.layers;

import org.neurite.autograd.Variable;

/**
 * What an attention layer computes when asked for its scores as well as its output (Keras'
 * {@code return_attention_scores=True}): the output, and the attention weights after masking and
 * softmax, before dropout. Both are on the tape, so a loss may use either.
 *
 * <pre>{@code
 * AttentionResult r = mha.callWithScores(query, value, null, null, false);
 * Variable output = r.output();   // (batch, Tq, features)
 * Variable scores = r.scores();   // (batch, heads, Tq, Tv)
 * }</pre>
 *
 * @param output the layer's output
 * @param scores the attention weights: {@code (batch, Tq, Tv)} for {@link Attention} and
 *     {@link AdditiveAttention}, {@code (batch, heads, Tq, Tv)} for the multi-head layers
 */
public record AttentionResult(Variable output, Variable scores) {
}
