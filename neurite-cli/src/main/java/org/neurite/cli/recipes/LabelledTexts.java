package org.neurite.cli.recipes;

import java.util.List;
import org.neurite.tensor.Tensor;

/**
 * Raw texts with one label row each, as a text model reads them through its own vectorizer.
 *
 * @param texts  the texts, in order
 * @param labels {@code (texts, ...)}: one row per text
 */
public record LabelledTexts(List<String> texts, Tensor labels) {
    public LabelledTexts {
        texts = List.copyOf(texts);
        if (labels.dim(0) != texts.size()) {
            throw new IllegalArgumentException("LabelledTexts: " + texts.size() + " texts but " + labels.dim(0)
                    + " label rows");
        }
    }
}
