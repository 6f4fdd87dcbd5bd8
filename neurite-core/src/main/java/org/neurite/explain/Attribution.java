package org.neurite.explain;

import java.util.List;

/**
 * How much each token of one input pushed the model's score up (positive) or down (negative).
 *
 * <p>For {@link Method#INTEGRATED_GRADIENTS}, completeness says the attributions add up to
 * {@code value - baselineValue}; {@link #completenessGap()} is how far the numerical integral
 * misses that. For {@link Method#OCCLUSION} there is no such identity: {@code baselineValue} and
 * the gap are {@code NaN}.
 *
 * <pre>{@code
 * Attribution a = TextExplainer.explain(model, vectorizer::tokenize, text -> vectorizer.transform(List.of(text)),
 *         "a wonderful, moving film");
 * a.tokens();                // [a, wonderful, moving, film]
 * a.scores()[1];             // e.g. +0.31: "wonderful" pushed the probability up
 * a.value();                 // the probability explained, e.g. 0.93
 * }</pre>
 *
 * @param tokens the tokens explained, in order
 * @param scores one attribution per token
 * @param target the explained class: the output column whose probability is the score
 * @param value the model's score for the input: the probability of the explained class
 * @param baselineValue the score of the baseline input (integrated gradients only)
 * @param completenessGap {@code |Σ attributions over all positions - (value - baselineValue)|}
 * @param method how the scores were computed
 */
public record Attribution(List<String> tokens, float[] scores, int target, float value, float baselineValue,
                          double completenessGap, Method method) {
    /** The attribution methods. */
    public enum Method {
        /** Integrated gradients over the embeddings (models starting with an Embedding layer). */
        INTEGRATED_GRADIENTS,
        /** The change in score when a token is removed (any model). */
        OCCLUSION
    }

    public Attribution {
        tokens = List.copyOf(tokens);
        if (scores.length != tokens.size()) {
            throw new IllegalArgumentException("attribution: " + tokens.size() + " tokens but " + scores.length
                    + " scores");
        }
        scores = scores.clone();
    }

    @Override
    public float[] scores() {
        return scores.clone();
    }

    /** The largest absolute score, 0 when there are none: the scale for colouring. */
    public float maxMagnitude() {
        float max = 0;
        for (float s : scores) {
            max = Math.max(max, Math.abs(s));
        }
        return max;
    }
}
