package org.neurite.autograd;

import org.neurite.tensor.Tensor;

/**
 * The derivative rule of one recorded operation: given the gradient of the loss with respect to the
 * operation's output, returns the gradients with respect to its inputs, in input order ({@code null}
 * for an input that needs none).
 */
@FunctionalInterface
public interface Backward {
    Tensor[] apply(Tensor gradOutput);
}
