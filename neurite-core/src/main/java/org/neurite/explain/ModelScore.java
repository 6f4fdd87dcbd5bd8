package org.neurite.explain;

import org.neurite.autograd.Variable;
import org.neurite.tensor.Shapes;
import org.neurite.tensor.Tensor;

/**
 * The scalar an explanation explains, read from a model's output {@code (batch, classes)}: the
 * probability of class {@code target}, or for one sigmoid unit {@code (batch, 1)} the probability
 * of the positive class.
 */
final class ModelScore {
    private ModelScore() {
    }

    /** Checks that {@code output} is {@code (batch, classes)} and {@code target} one of its classes. */
    static void check(int[] outputShape, int target) {
        if (outputShape.length != 2) {
            throw new IllegalArgumentException("explain: the model's output " + Shapes.toString(outputShape)
                    + " is not (batch, classes)");
        }
        if (target < 0 || target >= outputShape[1]) {
            throw new IllegalArgumentException("explain: class " + target + " is not one of the model's "
                    + outputShape[1] + " outputs");
        }
    }

    /** The score of each sample, {@code (batch)}. */
    static float[] of(Tensor output, int target) {
        check(output.shape(), target);
        float[] scores = new float[output.dim(0)];
        for (int b = 0; b < scores.length; b++) {
            scores[b] = output.get(b, target);
        }
        return scores;
    }

    /** The sum over the batch of the target column, on the tape, so that one backward pass gives every sample's gradient. */
    static Variable summed(Variable output, int target) {
        check(output.shape(), target);
        Tensor select = Tensor.zeros(1, output.shape()[1]);
        select.set(1f, 0, target);
        return output.mul(Variable.constant(select)).sum();
    }
}
