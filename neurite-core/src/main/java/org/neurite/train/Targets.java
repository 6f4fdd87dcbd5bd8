package org.neurite.train;

import org.neurite.tensor.Shapes;
import org.neurite.tensor.Tensor;

/**
 * Checks that targets fit predictions, shared by the losses and metrics so that every error names
 * the loss or metric and both shapes, as Keras' errors do.
 */
final class Targets {
    private Targets() {
    }

    /**
     * The targets seen with the predictions' shape. As Keras' {@code squeeze_or_expand_to_same_rank},
     * a trailing axis of size 1 on either side is tolerated, so {@code (batch)} labels fit
     * {@code (batch, 1)} predictions.
     */
    static Tensor aligned(String who, Tensor predictions, Tensor targets) {
        int[] p = predictions.shape();
        int[] t = targets.shape();
        if (java.util.Arrays.equals(p, t) || differByTrailingOne(p, t) || differByTrailingOne(t, p)) {
            return targets.reshape(p);
        }
        throw mismatch(who, predictions, targets, "the same shape");
    }

    /**
     * Class indices stored as floats, for predictions {@code (..., classes)} and targets of shape
     * {@code (...)} or {@code (..., 1)}, in row-major order.
     *
     * @throws IllegalArgumentException naming {@code who} when the shapes do not fit or a target is
     *     not an integer in {@code [0, classes)}
     */
    static int[] classIndices(String who, Tensor predictions, Tensor targets) {
        int[] p = predictions.shape();
        int[] rows = java.util.Arrays.copyOf(p, Math.max(0, p.length - 1));
        if (p.length == 0 || !(java.util.Arrays.equals(rows, targets.shape())
                || differByTrailingOne(targets.shape(), rows))) {
            throw mismatch(who, predictions, targets,
                    "class indices shaped like the predictions without their last axis");
        }
        return indices(who, targets, p[p.length - 1]);
    }

    /**
     * The targets' values as class indices, in row-major order.
     *
     * @throws IllegalArgumentException naming {@code who} when one is not an integer in {@code [0, classes)}
     */
    static int[] indices(String who, Tensor targets, int classes) {
        float[] data = targets.data();
        int[] labels = new int[targets.size()];
        for (int i = 0; i < labels.length; i++) {
            float v = data[targets.offset() + i];
            if (v != Math.rint(v) || v < 0 || v >= classes) {
                throw new IllegalArgumentException(who + ": target " + v + " at position " + i
                        + " is not a class index; expected an integer in [0, " + classes + ")");
            }
            labels[i] = (int) v;
        }
        return labels;
    }

    /**
     * Refuses, at compile time, an output with no class axis for a categorical loss: its last axis
     * must hold 2 or more class scores (or be unknown).
     */
    static void requireClassAxis(String loss, String output, int[] outputShape) {
        int last = outputShape.length == 0 ? 1 : outputShape[outputShape.length - 1];
        if (last == 1) {
            StringBuilder shape = new StringBuilder("(None");
            for (int d : outputShape) {
                shape.append(", ").append(d < 0 ? "None" : Integer.toString(d));
            }
            throw new IllegalArgumentException("compile: loss '" + loss + "' does not fit output '" + output
                    + "' of shape " + shape + "); expected a last axis of 2 or more class scores,"
                    + " got " + last + " (for one score per sample use binary_crossentropy)");
        }
    }

    private static IllegalArgumentException mismatch(String who, Tensor predictions, Tensor targets, String expected) {
        return new IllegalArgumentException(who + ": predictions " + Shapes.toString(predictions.shape())
                + " and targets " + Shapes.toString(targets.shape()) + " do not fit; expected " + expected);
    }

    /** True when {@code longer} is {@code shorter} with one more axis of size 1 at the end. */
    private static boolean differByTrailingOne(int[] longer, int[] shorter) {
        return longer.length == shorter.length + 1 && longer[longer.length - 1] == 1
                && java.util.Arrays.equals(longer, 0, shorter.length, shorter, 0, shorter.length);
    }
}
