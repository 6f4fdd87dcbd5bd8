package org.neurite.data;

import java.util.List;
import org.neurite.tensor.Tensor;

/**
 * Labelled texts as sequences of word ids, of any lengths: {@code sequences.get(i)} is review
 * {@code i} and {@code labels[i]} its sentiment, 1 positive and 0 negative. The list and array are
 * shared, not copied.
 *
 * <pre>{@code
 * SequenceDataset train = KerasImdb.loadData(10_000).train();
 * Tensor x = Sequences.padSequences(train.sequences(), PadOptions.defaults().withMaxlen(200));
 * Tensor y = train.labelTensor();      // (25000, 1)
 * }</pre>
 */
public record SequenceDataset(List<int[]> sequences, int[] labels) {
    /** Checks that there is one label per sequence. */
    public SequenceDataset {
        if (sequences.size() != labels.length) {
            throw new IllegalArgumentException("expected one label per sequence, got " + sequences.size()
                    + " sequences and " + labels.length + " labels");
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
