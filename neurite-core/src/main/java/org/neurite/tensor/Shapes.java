package org.neurite.tensor;

import java.util.Arrays;

/** Helpers over shapes ({@code int[]} of dimension sizes, outermost first). */
public final class Shapes {
    private Shapes() {
    }

    /** The number of elements of a tensor of this shape. */
    public static int size(int... shape) {
        long size = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            size *= d;
        }
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more than 2^31-1 elements");
        }
        return (int) size;
    }

    /** Row-major strides (in elements) of a contiguous tensor of this shape. */
    public static int[] strides(int[] shape) {
        int[] strides = new int[shape.length];
        int stride = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = stride;
            stride *= shape[i];
        }
        return strides;
    }

    /** Resolves a possibly negative axis ({@code -1} is the last) against a rank, or fails naming {@code op}. */
    public static int axis(String op, int axis, int rank) {
        int resolved = axis < 0 ? axis + rank : axis;
        if (resolved < 0 || resolved >= rank) {
            throw new IllegalArgumentException(op + ": axis " + axis + " is out of range for rank " + rank);
        }
        return resolved;
    }

    /** The product of the dimensions in {@code [from, to)}. */
    public static int product(int[] shape, int from, int to) {
        int p = 1;
        for (int i = from; i < to; i++) {
            p *= shape[i];
        }
        return p;
    }

    /** The shape with the dimension at {@code axis} removed, or set to 1 when {@code keepDims}. */
    public static int[] reduce(int[] shape, int axis, boolean keepDims) {
        if (keepDims) {
            int[] out = shape.clone();
            out[axis] = 1;
            return out;
        }
        int[] out = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i != axis) {
                out[j++] = shape[i];
            }
        }
        return out;
    }

    /** {@code [2, 3]}-style text, as used in error messages. */
    public static String toString(int[] shape) {
        return Arrays.toString(shape);
    }
}
