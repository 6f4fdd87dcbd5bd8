package org.neurite.autograd;

import org.neurite.tensor.DropoutMask;
import org.neurite.tensor.Tensor;

/**
 * Dropout as one op: {@code y = x ⊙ mask}, {@code dx = g ⊙ mask}, the mask a {@link DropoutMask}
 * (a key and a rate) whose values are drawn where they are used, in the forward pass and again in the
 * backward pass. Multiplying by a stored mask tensor wrote the mask (as large as x: 8 MB for an
 * embedded batch of W4) and read it twice.
 *
 * <pre>{@code
 * Variable y = DropoutOps.dropout(x, rng.nextDropoutMask(0.5f));
 * }</pre>
 */
public final class DropoutOps {
    private DropoutOps() {
    }

    /** {@code x ⊙ mask}, with the gradient {@code g ⊙ mask}. */
    public static Variable dropout(Variable x, DropoutMask mask) {
        Tensor y = mask.applyTo(x.value());
        return Variable.result(Primitive.DROPOUT, y, g -> new Tensor[] {mask.applyTo(g)}, x);
    }
}
