package org.neurite.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.neurite.nn.Network;
import org.neurite.tensor.Tensor;

/**
 * Occlusion: the attribution of a word is how much the score falls when that word is removed,
 *
 * <pre>
 *   a_i = f(w_1 … w_n) - f(w_1 … w_{i-1} w_{i+1} … w_n)
 * </pre>
 *
 * <p>so a positive value means the word pushed the score up. It works for any model that reads
 * the vectorized text (bag-of-words, tf-idf, or sequences), needs {@code n + 1} forward passes and
 * no gradients, and unlike {@link IntegratedGradients} has no completeness identity: words that
 * matter only together (a negated "not good") share their effect unevenly.
 *
 * <pre>{@code
 * List<String> words = List.of("a", "wonderful", "film");
 * Attribution a = Occlusion.explain(model, words, text -> vectorizer.transform(List.of(text)), 0);
 * }</pre>
 */
public final class Occlusion {
    /** Texts are scored in batches of this many. */
    private static final int BATCH = 64;

    private Occlusion() {
    }

    /**
     * Attributes {@code target}'s score for the text {@code String.join(" ", words)} to its words;
     * {@code vectorize} turns one text into the model's input {@code (1, ...)}.
     */
    public static Attribution explain(Network model, List<String> words, Function<String, Tensor> vectorize,
                                      int target) {
        List<String> texts = new ArrayList<>(words.size() + 1);
        texts.add(String.join(" ", words));
        for (int i = 0; i < words.size(); i++) {
            List<String> rest = new ArrayList<>(words);
            rest.remove(i);
            texts.add(String.join(" ", rest));
        }
        float[] scores = score(model, texts, vectorize, target);
        float[] attributions = new float[words.size()];
        for (int i = 0; i < attributions.length; i++) {
            attributions[i] = scores[0] - scores[i + 1];
        }
        return new Attribution(words, attributions, target, scores[0], Float.NaN, Double.NaN,
                Attribution.Method.OCCLUSION);
    }

    private static float[] score(Network model, List<String> texts, Function<String, Tensor> vectorize, int target) {
        float[] scores = new float[texts.size()];
        for (int first = 0; first < texts.size(); first += BATCH) {
            int n = Math.min(BATCH, texts.size() - first);
            Tensor[] rows = new Tensor[n];
            for (int k = 0; k < n; k++) {
                rows[k] = vectorize.apply(texts.get(first + k));
            }
            float[] batch = ModelScore.of(model.predict(Tensor.concat(0, sameLength(rows)), n), target);
            System.arraycopy(batch, 0, scores, first, n);
        }
        return scores;
    }

    /** Sequences of ids padded with 0 at the end to the longest, so that they stack; other rows as they are. */
    private static Tensor[] sameLength(Tensor[] rows) {
        int longest = 0;
        for (Tensor row : rows) {
            longest = Math.max(longest, row.dim(row.rank() - 1));
        }
        Tensor[] out = new Tensor[rows.length];
        for (int k = 0; k < rows.length; k++) {
            Tensor row = rows[k];
            int length = row.dim(row.rank() - 1);
            out[k] = row.rank() != 2 || length == longest ? row
                    : Tensor.concat(1, row, Tensor.zeros(row.dim(0), longest - length));
        }
        return out;
    }
}
