package org.neurite.nn;

import org.neurite.autograd.Variable;

/**
 * A layer that, at inference, can take its input as the rows a {@link RowLookup} picks, read from
 * the lookup's table where they lie: {@code callOnRows(lookup, ids)} is
 * {@code call(lookup.call(ids, false), false)} without the gathered tensor between them, which for
 * a batch of long sequences is larger than the caches. Records nothing: inference only.
 *
 * <pre>{@code
 * try (Autograd.Scope noGrad = Autograd.noGrad()) {
 *     Variable y = conv.callOnRows(embedding, tokens);   // = conv.call(embedding.call(tokens, false), false)
 * }
 * }</pre>
 */
public interface RowReader {
    /** This layer's inference output for the rows {@code lookup} picks with {@code input}. */
    Variable callOnRows(RowLookup lookup, Variable input);
}
