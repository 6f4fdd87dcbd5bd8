package org.neurite.data;

import java.util.List;
import org.neurite.tensor.Tensor;

/**
 * Labelled texts for binary sentiment classification: {@code texts.get(i)} is a review and
 * {@code labels[i]} its sentiment, 1 positive and 0 negative. The list and array are shared, not
 * copied.
 *
 * <pre>{@code
 * ReviewDataset train = ReviewDatasets.imdb().train();
 * String first = train.texts().get(0);
 * Tensor y = train.labelTensor();      // (25000, 1), ready for binary cross-entropy
 * }</pre>
 */
public record ReviewDataset(List<String> texts, int[] labels) {
    /** Checks that there is one label, 0 or 1, per text. */
    public ReviewDataset {
        if (texts.size() != labels.length) {
            throw new IllegalArgumentException("expected one label per text, got " + texts.size() + " texts and "
                    + labels.length + " labels");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException("label " + i + " is " + labels[i] + ", expected 0 or 1");
            }
        }
    }

    public int size() {
        return labels.length;
    }

    /** The labels as a {@code (size, 1)} tensor of 0s and 1s. */
    public Tensor labelTensor() {
        return Tensor.ofInts(labels, labels.length, 1);
    }
}
