package org.neurite.autograd;

import org.neurite.tensor.Tensor;

/**
 * A recurrent layer's inputs given as rows of an embedding table instead of as vectors:
 * {@code x[b, t, :] = table[ids[b·time + t], :]}. Without a tape, {@link Recurrence} then projects
 * the table once ({@code table·W + b}, {@code (vocabulary, k·units)}) and copies a row of it per
 * step and sequence, where it would otherwise multiply every step's inputs by W: the products are
 * the same, summed in the same order, so the outputs are too. Worth it when the table has fewer
 * rows than the inputs have steps, which {@link InferenceScope} helps a layer to judge.
 *
 * @param ids token ids in {@code [0, table rows)}, {@code batch·time} of them, row-major
 * @param batch sequences
 * @param time steps per sequence
 * @param table the embedding table {@code (vocabulary, in)}
 */
public record TokenInputs(int[] ids, int batch, int time, Tensor table) {
    public TokenInputs {
        if (table.rank() != 2 || ids.length != batch * time) {
            throw new IllegalArgumentException("token inputs: expected batch·time = " + batch * time
                    + " ids and a table (vocabulary, features), got " + ids.length + " ids and a table of rank "
                    + table.rank());
        }
    }
}
