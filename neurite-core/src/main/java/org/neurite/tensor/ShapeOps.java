package org.neurite.tensor;

import java.util.Arrays;

/** Shape operations that copy: permute, slices along any axis, concat, stack and split. */
final class ShapeOps {
    private ShapeOps() {
    }

    static int[] resolveReshape(int[] shape, int[] requested) {
        int size = Shapes.size(shape);
        int[] out = requested.clone();
        int inferred = -1;
        int known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1 && inferred < 0) {
                inferred = i;
            } else if (out[i] < 0) {
                throw new IllegalArgumentException("reshape: bad target shape " + Arrays.toString(requested));
            } else {
                known *= out[i];
            }
        }
        if (inferred >= 0 && known != 0 && size % known == 0) {
            out[inferred] = size / known;
        }
        if (inferred >= 0 && out[inferred] < 0 || Shapes.size(out) != size) {
            throw new IllegalArgumentException("reshape: cannot reshape " + Shapes.toString(shape) + " ("
                    + size + " elements) to " + Arrays.toString(requested));
        }
        return out;
    }

    static Tensor permute(Tensor a, int[] order) {
        int[] shape = a.shape();
        int rank = shape.length;
        if (order.length != rank) {
            throw new IllegalArgumentException("permute: order " + Arrays.toString(order) + " does not fit shape "
                    + Shapes.toString(shape));
        }
        boolean[] seen = new boolean[rank];
        int[] outShape = new int[rank];
        for (int i = 0; i < rank; i++) {
            int axis = Shapes.axis("permute", order[i], rank);
            if (seen[axis]) {
                throw new IllegalArgumentException("permute: axis " + axis + " repeats in " + Arrays.toString(order));
            }
            seen[axis] = true;
            outShape[i] = shape[axis];
        }
        int[] inStrides = Shapes.strides(shape);
        int[] stride = new int[rank];
        for (int i = 0; i < rank; i++) {
            stride[i] = inStrides[Shapes.axis("permute", order[i], rank)];
        }
        Tensor out = Tensor.empty(outShape);
        if (rank > 1 && stride[rank - 1] == 1) {
            copyRuns(a, out, stride, outShape[rank - 1]);
        } else {
            copyElements(a, out, stride);
        }
        return out;
    }

    /**
     * The usual case in attention, {@code (b, t, h, d) -> (b, h, t, d)}: the last axis stays in place,
     * so each output row is one contiguous run of the input, copied whole rather than value by value.
     */
    private static void copyRuns(Tensor a, Tensor out, int[] stride, int run) {
        int rank = stride.length;
        int[] outShape = out.shape();
        float[] x = a.data();
        float[] o = out.data();
        int[] index = new int[rank - 1];
        int src = a.offset();
        for (int dst = 0; dst < out.size(); dst += run) {
            System.arraycopy(x, src, o, dst, run);
            for (int d = rank - 2; d >= 0; d--) {
                src += stride[d];
                if (++index[d] < outShape[d]) {
                    break;
                }
                src -= stride[d] * outShape[d];
                index[d] = 0;
            }
        }
    }

    private static void copyElements(Tensor a, Tensor out, int[] stride) {
        int rank = stride.length;
        int[] outShape = out.shape();
        float[] x = a.data();
        float[] o = out.data();
        int[] index = new int[rank];
        int src = a.offset();
        for (int i = 0; i < out.size(); i++) {
            o[i] = x[src];
            for (int d = rank - 1; d >= 0; d--) {
                src += stride[d];
                if (++index[d] < outShape[d]) {
                    break;
                }
                src -= stride[d] * outShape[d];
                index[d] = 0;
            }
        }
    }

    static Tensor slice(Tensor a, int axis, int start, int end) {
        int[] shape = a.shape();
        if (start < 0 || end > shape[axis] || start > end) {
            throw new IndexOutOfBoundsException("slice: [" + start + ", " + end + ") along axis " + axis
                    + " of shape " + Shapes.toString(shape));
        }
        int[] outShape = shape.clone();
        outShape[axis] = end - start;
        Tensor out = Tensor.empty(outShape);
        int outer = Shapes.product(shape, 0, axis);
        int inner = Shapes.product(shape, axis + 1, shape.length);
        int run = (end - start) * inner;
        for (int i = 0; i < outer; i++) {
            System.arraycopy(a.data(), a.offset() + (i * shape[axis] + start) * inner, out.data(), i * run, run);
        }
        return out;
    }

    static Tensor concat(int axis, Tensor[] parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("concat: no tensors given");
        }
        int[] first = parts[0].shape();
        int ax = Shapes.axis("concat", axis, first.length);
        int total = 0;
        for (Tensor p : parts) {
            int[] s = p.shape();
            boolean fits = s.length == first.length;
            for (int d = 0; fits && d < s.length; d++) {
                fits = d == ax || s[d] == first[d];
            }
            if (!fits) {
                throw new IllegalArgumentException("concat: shapes " + Shapes.toString(first) + " and "
                        + Shapes.toString(s) + " differ outside axis " + ax);
            }
            total += s[ax];
        }
        int[] outShape = first.clone();
        outShape[ax] = total;
        Tensor out = Tensor.empty(outShape);
        int outer = Shapes.product(first, 0, ax);
        int inner = Shapes.product(first, ax + 1, first.length);
        int at = 0;
        for (Tensor p : parts) {
            int run = p.dim(ax) * inner;
            for (int i = 0; i < outer; i++) {
                System.arraycopy(p.data(), p.offset() + i * run, out.data(), i * total * inner + at, run);
            }
            at += run;
        }
        return out;
    }

    static Tensor stack(int axis, Tensor[] parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("stack: no tensors given");
        }
        int[] shape = parts[0].shape();
        int ax = Shapes.axis("stack", axis, shape.length + 1);
        int[] expanded = new int[shape.length + 1];
        for (int i = 0, j = 0; i < expanded.length; i++) {
            expanded[i] = i == ax ? 1 : shape[j++];
        }
        Tensor[] reshaped = new Tensor[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].sameShape(parts[0])) {
                throw new IllegalArgumentException("stack: shapes " + Shapes.toString(shape) + " and "
                        + Shapes.toString(parts[i].shape()) + " differ");
            }
            reshaped[i] = parts[i].reshape(expanded);
        }
        return concat(ax, reshaped);
    }

    /** {@code (batch, time, ...)} with the time axis (axis 1) reversed, copied. */
    static Tensor reverseTime(Tensor a) {
        if (a.rank() < 2) {
            throw new IllegalArgumentException("reverseTime: expects (batch, time, ...), got " + Shapes.toString(a.shape()));
        }
        int batch = a.dim(0);
        int time = a.dim(1);
        int width = time == 0 ? 0 : a.size() / (batch * time);
        Tensor out = Tensor.empty(a.shape());
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < time; t++) {
                System.arraycopy(a.data(), a.offset() + (b * time + t) * width, out.data(),
                        (b * time + time - 1 - t) * width, width);
            }
        }
        return out;
    }

    static Tensor[] split(Tensor a, int axis, int[] sizes) {
        int ax = Shapes.axis("split", axis, a.rank());
        int sum = Arrays.stream(sizes).sum();
        if (sum != a.dim(ax)) {
            throw new IllegalArgumentException("split: sizes " + Arrays.toString(sizes) + " add up to " + sum
                    + ", axis " + ax + " of shape " + Shapes.toString(a.shape()) + " has " + a.dim(ax));
        }
        Tensor[] out = new Tensor[sizes.length];
        int start = 0;
        for (int i = 0; i < sizes.length; i++) {
            out[i] = slice(a, ax, start, start + sizes[i]);
            start += sizes[i];
        }
        return out;
    }
}
