package org.neurite.nn.layers;

import java.util.Arrays;
import java.util.function.Function;
import org.neurite.autograd.Variable;
import org.neurite.tensor.Shapes;

/**
 * The axis arithmetic the normalisation layers share: Keras axes (negative ones count from the end,
 * the batch axis is 0) made positive and sorted, the shape of a weight over those axes, the shape that
 * broadcasts such a weight against the batch, and means over several axes.
 */
final class NormalizationAxes {
    private NormalizationAxes() {
    }

    /**
     * {@code axes} for inputs of {@code rank} (batch axis included), positive and sorted.
     *
     * @throws IllegalArgumentException made by {@code error}, for an axis out of range, a repeated one, or the
     *     batch axis (whose size is not known when weights are made)
     */
    static int[] positive(Function<String, IllegalArgumentException> error, int[] axes, int rank) {
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            int a = axes[i] < 0 ? axes[i] + rank : axes[i];
            if (a < 1 || a >= rank) {
                throw error.apply("axis " + axes[i] + " is out of range for inputs of rank "
                        + rank + " (batch axis 0 excluded)");
            }
            out[i] = a;
        }
        Arrays.sort(out);
        for (int i = 1; i < out.length; i++) {
            if (out[i] == out[i - 1]) {
                throw error.apply("axis " + Arrays.toString(axes) + " names an axis twice");
            }
        }
        return out;
    }

    /** A shape without its batch axis with an unknown ({@code -1}) batch axis put in front. */
    static int[] withBatch(int[] inputShape) {
        int[] out = new int[inputShape.length + 1];
        out[0] = -1;
        System.arraycopy(inputShape, 0, out, 1, inputShape.length);
        return out;
    }

    /** The sizes of {@code shapeWithBatch} at {@code axes}: the shape of a weight over them. */
    static int[] weightShape(int[] shapeWithBatch, int[] axes) {
        int[] dims = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            dims[i] = shapeWithBatch[axes[i]];
        }
        return dims;
    }

    /** A shape of {@code rank} that is 1 except at {@code axes}, where it is {@code shapeWithBatch}'s. */
    static int[] broadcastShape(int[] shapeWithBatch, int[] axes) {
        int[] out = new int[shapeWithBatch.length];
        Arrays.fill(out, 1);
        for (int a : axes) {
            out[a] = shapeWithBatch[a];
        }
        return out;
    }

    /** The axes of {@code rank} not in {@code axes}. */
    static int[] complement(int[] axes, int rank) {
        return java.util.stream.IntStream.range(0, rank).filter(a -> Arrays.stream(axes).noneMatch(b -> b == a))
                .toArray();
    }

    /** The mean of {@code x} over {@code axes}, keeping them with size 1. */
    static Variable mean(Variable x, int[] axes) {
        Variable m = x;
        for (int a : axes) {
            m = m.mean(a, true);
        }
        return m;
    }

    /** The sum of {@code x} over {@code axes}, keeping them with size 1. */
    static Variable sum(Variable x, int[] axes) {
        Variable s = x;
        for (int a : axes) {
            s = s.sum(a, true);
        }
        return s;
    }

    /** Checks that the sizes at {@code axes} are known, for making weights. */
    static void requireKnown(Function<String, IllegalArgumentException> error, int[] shapeWithBatch, int[] axes) {
        for (int a : axes) {
            if (shapeWithBatch[a] <= 0) {
                throw error.apply("the size of axis " + a + " must be known, got input shape "
                        + Shapes.toString(shapeWithBatch));
            }
        }
    }
}
