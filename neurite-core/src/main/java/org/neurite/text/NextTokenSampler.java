package org.neurite.text;

import org.neurite.tensor.Rng;

/**
 * Draws the next token of a generated text from a language model's scores (logits): the softmax
 * of {@code logits / temperature}, restricted to the {@code topK} highest scores when
 * {@code topK > 0}. Temperature 0 always takes the highest score (greedy decoding); below 1 the
 * distribution sharpens, above 1 it flattens. The same seed gives the same draws.
 *
 * <p>Tokens that must never be drawn (padding, the out-of-vocabulary token) are excluded by
 * giving them a score of {@code -Infinity}; at least one score must be finite.
 *
 * <pre>{@code
 * NextTokenSampler sampler = new NextTokenSampler(0.8f, 5, 42);
 * int next = sampler.sample(new float[] {2.0f, 0.5f, Float.NEGATIVE_INFINITY, 1.0f});   // 0, 3 or 1
 * }</pre>
 */
public final class NextTokenSampler {
    private final float temperature;
    private final int topK;
    private final Rng rng;

    /**
     * @param temperature 0 for greedy decoding, else a positive finite divisor of the logits
     * @param topK        how many of the best tokens may be drawn; 0 for all
     * @param seed        the seed of the draws
     * @throws IllegalArgumentException for a negative or non-finite temperature or a negative topK
     */
    public NextTokenSampler(float temperature, int topK, long seed) {
        if (!(temperature >= 0f) || Float.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be 0 (greedy) or a positive finite number, got "
                    + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top-k must be 0 (all tokens) or positive, got " + topK);
        }
        this.temperature = temperature;
        this.topK = topK;
        this.rng = new Rng(seed);
    }

    /** The index of the next token, drawn from {@code logits} (one score per vocabulary entry). */
    public int sample(float[] logits) {
        int best = topIndices(logits, 1)[0];
        if (!Float.isFinite(logits[best])) {
            throw new IllegalArgumentException("no token can be drawn: every score is -Infinity or NaN");
        }
        if (temperature == 0f) {
            return best;
        }
        float cutoff = topK > 0 && topK < logits.length ? logits[topIndices(logits, topK)[topK - 1]]
                : Float.NEGATIVE_INFINITY;
        double[] weights = new double[logits.length];
        double total = 0;
        for (int i = 0; i < logits.length; i++) {
            // exp((l - max) / T) is at most 1: no overflow whatever the scale of the logits.
            boolean kept = logits[i] >= cutoff && Float.isFinite(logits[i]);
            weights[i] = kept ? Math.exp((logits[i] - logits[best]) / (double) temperature) : 0;
            total += weights[i];
        }
        double u = rng.uniform(0f, 1f) * total;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0 && weights[i] > 0) {
                return i;
            }
        }
        return best;   // rounding left u at 0 after the last kept weight
    }

    /**
     * The indices of the {@code k} highest scores, highest first (ties: lower index first); NaN
     * counts as lowest. {@code k} is capped at the number of scores.
     */
    public static int[] topIndices(float[] scores, int k) {
        int[] best = new int[Math.min(k, scores.length)];
        int kept = 0;
        for (int i = 0; i < scores.length; i++) {   // insertion into a short sorted list: O(n k), k is small
            int at = kept;
            while (at > 0 && orLowest(scores[i]) > orLowest(scores[best[at - 1]])) {
                at--;
            }
            if (at < best.length) {
                System.arraycopy(best, at, best, at + 1, Math.min(kept, best.length - 1) - at);
                best[at] = i;
                kept = Math.min(kept + 1, best.length);
            }
        }
        return best;
    }

    private static float orLowest(float score) {
        return Float.isNaN(score) ? Float.NEGATIVE_INFINITY : score;
    }
}
