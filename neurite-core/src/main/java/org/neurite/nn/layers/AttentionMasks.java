package org.neurite.nn.layers;

import java.util.function.Function;
import org.neurite.tensor.Shapes;
import org.neurite.tensor.Tensor;

/**
 * The mask of which query steps may attend to which key steps, {@code (batch, Tq, Tv)} with 1 where
 * attention is allowed, combined as Keras combines it: the query's timestep mask {@code (batch, Tq)}
 * as {@code (batch, Tq, 1)}, the value's and the key's {@code (batch, Tv)} as {@code (batch, 1, Tv)},
 * the causal mask (query step {@code i} sees key steps {@code j <= i}) and an explicit attention mask
 * {@code (batch, Tq, Tv)} or {@code (Tq, Tv)}, all ANDed. Every mask is checked against the shapes it
 * must have; the errors name the argument and both shapes.
 */
final class AttentionMasks {
    private AttentionMasks() {
    }

    /**
     * The combined mask, or null when no mask applies.
     *
     * @param error makes an error naming the layer
     */
    static Tensor combine(Function<String, IllegalArgumentException> error, int batch, int tq, int tv,
                          Tensor queryMask, Tensor valueMask, Tensor keyMask, Tensor attentionMask, boolean causal) {
        check(error, "query mask", queryMask, batch, tq);
        check(error, "value mask", valueMask, batch, tv);
        check(error, "key mask", keyMask, batch, tv);
        boolean batched = checkAttentionMask(error, attentionMask, batch, tq, tv);
        if (queryMask == null && valueMask == null && keyMask == null && attentionMask == null && !causal) {
            return null;
        }
        Tensor mask = Tensor.empty(batch, tq, tv);
        float[] m = mask.data();
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < tq; i++) {
                boolean rowKept = keeps(queryMask, b * tq + i);
                for (int j = 0; j < tv; j++) {
                    boolean kept = rowKept && keeps(valueMask, b * tv + j) && keeps(keyMask, b * tv + j)
                            && (!causal || j <= i)
                            && keeps(attentionMask, (batched ? b * tq * tv : 0) + i * tv + j);
                    m[mask.offset() + (b * tq + i) * tv + j] = kept ? 1f : 0f;
                }
            }
        }
        return mask;
    }

    private static boolean keeps(Tensor mask, int index) {
        return mask == null || mask.data()[mask.offset() + index] != 0f;
    }

    /** Refuses a timestep mask (null for none) that is not {@code (batch, steps)}, naming the argument. */
    static void check(Function<String, IllegalArgumentException> error, String argument, Tensor mask,
                      int batch, int steps) {
        if (mask != null && (mask.rank() != 2 || mask.dim(0) != batch || mask.dim(1) != steps)) {
            throw error.apply(argument + " must have shape " + Shapes.toString(new int[] {batch, steps})
                    + " (batch, time) to match its input, got " + Shapes.toString(mask.shape()));
        }
    }

    /** Checks an explicit mask; true when it has a batch axis. */
    private static boolean checkAttentionMask(Function<String, IllegalArgumentException> error, Tensor mask,
                                              int batch, int tq, int tv) {
        if (mask == null) {
            return false;
        }
        boolean batched = mask.rank() == 3 && mask.dim(0) == batch && mask.dim(1) == tq && mask.dim(2) == tv;
        boolean shared = mask.rank() == 2 && mask.dim(0) == tq && mask.dim(1) == tv;
        if (!batched && !shared) {
            throw error.apply("attention_mask must have shape " + Shapes.toString(new int[] {batch, tq, tv})
                    + " (batch, Tq, Tv) or " + Shapes.toString(new int[] {tq, tv}) + " for query and value of "
                    + tq + " and " + tv + " steps, got " + Shapes.toString(mask.shape()));
        }
        return batched;
    }
}
