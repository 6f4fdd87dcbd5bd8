package org.neurite.autograd;

import org.neurite.tensor.Shapes;
import org.neurite.tensor.Tensor;

/**
 * Operations that move values without changing them, with their derivative rules: the gradient is
 * moved back the same way (reshape back, inverse permutation, pad a slice with zeros, split a
 * concatenation, scatter-add a gather).
 */
public final class Reshaping {
    private Reshaping() {
    }

    public static Variable reshape(Variable x, int... shape) {
        int[] original = x.shape();
        return Variable.result(Primitive.RESHAPE, x.value().reshape(shape), g -> new Tensor[] {g.reshape(original)}, x);
    }

    public static Variable permute(Variable x, int... order) {
        int[] inverse = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            inverse[Shapes.axis("permute", order[i], order.length)] = i;
        }
        return Variable.result(Primitive.PERMUTE, x.value().permute(order), g -> new Tensor[] {g.permute(inverse)}, x);
    }

    /** {@code [start, end)} along {@code axis}. */
    public static Variable slice(Variable x, int axis, int start, int end) {
        int[] shape = x.shape();
        int a = Shapes.axis("slice", axis, shape.length);
        return Variable.result(Primitive.SLICE, x.value().slice(a, start, end), g -> {
            int[] before = shape.clone();
            before[a] = start;
            int[] after = shape.clone();
            after[a] = shape[a] - end;
            return new Tensor[] {Tensor.concat(a, Tensor.zeros(before), g, Tensor.zeros(after))};
        }, x);
    }

    public static Variable concat(int axis, Variable... parts) {
        Tensor[] values = new Tensor[parts.length];
        int[] sizes = new int[parts.length];
        int a = Shapes.axis("concat", axis, parts[0].value().rank());
        for (int i = 0; i < parts.length; i++) {
            values[i] = parts[i].value();
            sizes[i] = values[i].dim(a);
        }
        return Variable.result(Primitive.CONCAT, Tensor.concat(a, values), g -> g.split(a, sizes), parts);
    }

    public static Variable stack(int axis, Variable... parts) {
        int rank = parts[0].value().rank();
        int a = Shapes.axis("stack", axis, rank + 1);
        Variable[] expanded = new Variable[parts.length];
        for (int i = 0; i < parts.length; i++) {
            int[] shape = parts[i].shape();
            int[] withAxis = new int[rank + 1];
            for (int d = 0, s = 0; d <= rank; d++) {
                withAxis[d] = d == a ? 1 : shape[s++];
            }
            expanded[i] = reshape(parts[i], withAxis);
        }
        return concat(a, expanded);
    }

    public static Variable[] split(Variable x, int axis, int... sizes) {
        Variable[] out = new Variable[sizes.length];
        int start = 0;
        for (int i = 0; i < sizes.length; i++) {
            out[i] = slice(x, axis, start, start + sizes[i]);
            start += sizes[i];
        }
        return out;
    }

    /**
     * Embedding lookup: rows of {@code table} {@code (vocab, dim)} at {@code ids}, shaped
     * {@code idsShape + [dim]}. The table's gradient is the output gradient scatter-added to those rows.
     *
     * <p>When the table is a leaf (a weight), the rows are added straight into its accumulated
     * gradient, so a backward pass touches only the looked-up rows instead of zeroing, filling and
     * adding a dense {@code (vocab, dim)} tensor (for a 20000×128 table that is three passes over
     * 10 MB per step). The accumulated gradient stays dense, so optimizers keep Keras' dense semantics.
     */
    public static Variable gather(Variable table, int[] ids, int... idsShape) {
        if (Shapes.size(idsShape) != ids.length) {
            throw new IllegalArgumentException("gather: " + ids.length + " ids do not fill shape "
                    + Shapes.toString(idsShape));
        }
        int[] tableShape = table.shape();
        int width = tableShape[0] == 0 ? 0 : table.value().size() / tableShape[0];
        int[] outShape = java.util.Arrays.copyOf(idsShape, idsShape.length + 1);
        outShape[idsShape.length] = width;
        Tensor out = table.value().gather(ids).reshape(outShape);
        return Variable.result(Primitive.GATHER, out, g -> {
            Tensor rows = g.reshape(ids.length, width);
            if (table.isLeaf()) {
                table.accumulateRows(ids, rows);
                return new Tensor[] {null};
            }
            Tensor dt = Tensor.zeros(tableShape);
            dt.scatterAddInPlace(ids, rows);
            return new Tensor[] {dt};
        }, table);
    }

    public static Variable broadcastTo(Variable x, int... shape) {
        int[] original = x.shape();
        return Variable.result(Primitive.BROADCAST_TO, x.value().broadcastTo(shape), g -> new Tensor[] {g.sumTo(original)}, x);
    }

    /**
     * A sequence batch {@code (batch, time, ...)} with its time axis reversed; the gradient is reversed
     * back. A timestep mask on {@code x} is passed on as it is (Bidirectional reverses an output that
     * was computed backwards, whose mask is already in input order).
     */
    public static Variable reverseTime(Variable x) {
        Variable out = Variable.result(Primitive.REVERSE_TIME, x.value().reverseTime(),
                g -> new Tensor[] {g.reverseTime()}, x);
        return x.mask() == null ? out : out.withMask(x.mask());
    }

    /** {@code a} where {@code mask} is non-zero, else {@code b}; the gradient follows the choice. */
    public static Variable where(Tensor mask, Variable a, Variable b) {
        Tensor out = Tensor.where(mask, a.value(), b.value());
        return Variable.result(Primitive.WHERE, out, g -> {
            Tensor zero = Tensor.zeros(1);
            return new Tensor[] {
                Tensor.where(mask, g, zero).sumTo(a.shape()),
                Tensor.where(mask, zero, g).sumTo(b.shape())};
        }, a, b);
    }
}
