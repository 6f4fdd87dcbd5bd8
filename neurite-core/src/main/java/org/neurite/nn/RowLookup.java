package org.neurite.nn;

import org.neurite.autograd.Variable;
import org.neurite.tensor.Tensor;

/**
 * A layer whose output is rows of a table picked by its input: an embedding. Output step
 * {@code (b, t)} is row {@code ids[b·time + t]} of {@link #lookupTable()}. At inference, a
 * {@link RowReader} that follows it may read those rows where they lie instead of from a gathered
 * copy (see {@link SequentialNetwork}).
 *
 * <pre>{@code
 * Embedding embedding = new Embedding(20000, 128);    // a RowLookup
 * int[] ids = embedding.lookupIds(tokens);           // checked as embedding.call(tokens, false) checks them
 * }</pre>
 */
public interface RowLookup {
    /** The table {@code (rows, width)} whose rows make the output. */
    Tensor lookupTable();

    /** The row of the table that each output step reads, checked as the layer's {@code call} checks them. */
    int[] lookupIds(Variable input);
}
