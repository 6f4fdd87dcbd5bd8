package org.neurite.io;

import org.neurite.autograd.Variable;
import org.neurite.tensor.Tensor;
import org.neurite.train.Loss;

/** A loss for training tests, composed from the tape's primitives. */
final class TestLosses {
    private TestLosses() {
    }

    /** Keras' mean_squared_error: the mean of {@code (prediction - target)²} over all elements. */
    static Loss meanSquaredError() {
        return new Loss() {
            @Override
            public Variable compute(Variable predictions, Tensor targets) {
                Variable diff = predictions.sub(Variable.constant(targets));
                return diff.mul(diff).mean();
            }

            @Override
            public String name() {
                return "mean_squared_error";
            }
        };
    }
}
