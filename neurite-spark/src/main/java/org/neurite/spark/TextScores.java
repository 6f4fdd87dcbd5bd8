package org.neurite.spark;

import java.util.Arrays;
import java.util.List;
import org.neurite.models.Model;
import org.neurite.tensor.Tensor;

/**
 * What {@code neurite predict} computes for a batch of texts: the probability that each is positive,
 * the model's single output, and its label at a threshold. Shared by the DataFrame function and the
 * SQL function so that both give exactly the command's numbers.
 */
final class TextScores {
    /** The label of a probability at or above the threshold, as {@code neurite predict} writes it. */
    static final String POSITIVE = "positive";
    static final String NEGATIVE = "negative";

    private TextScores() {
    }

    /** Refuses, on the driver, a model that cannot score raw texts. */
    static void checkReadsTexts(Model model, String fileName) {
        if (model.vectorizer().isEmpty()) {
            throw new IllegalArgumentException(fileName + ": the model has no text vectorizer, so it cannot read raw"
                    + " text; use a model from a text recipe (imdb-bow, imdb-lstm, imdb-bilstm)");
        }
    }

    /** One probability per text, in order; the model is used under its lock (see {@link ModelCache}). */
    static float[] probabilities(Model model, List<String> texts) {
        if (texts.isEmpty()) {
            return new float[0];
        }
        Tensor p;
        synchronized (model) {
            p = model.predict(texts);   // (texts, 1)
        }
        if (p.rank() != 2 || p.dim(1) != 1) {
            throw new IllegalArgumentException("the model outputs shape " + Arrays.toString(p.shape())
                    + " per batch; predict needs one probability per text, (batch, 1)");
        }
        return p.toArray();
    }

    static String label(float probability, float threshold) {
        return probability >= threshold ? POSITIVE : NEGATIVE;
    }
}
