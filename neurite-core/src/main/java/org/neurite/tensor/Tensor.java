package org.neurite.tensor;

import java.util.Arrays;
import org.neurite.kernels.Parallel;

/**
 * An n-dimensional array of float32 values: a shape plus contiguous row-major storage.
 *
 * <p>Tensors are values: every operation returns a new tensor and leaves its inputs alone, except
 * the methods whose names end in {@code InPlace}. A tensor may be a free view of another's storage
 * (a {@link #reshape} or a {@link #slice} of the first axis), so in-place writes show through views.
 * Tensors know nothing of gradients; {@code org.neurite.autograd} builds on them.
 *
 * <p>Elementwise operations broadcast as NumPy does; shape mismatches fail with a message naming
 * the operation and both shapes, e.g. {@code matmul: shapes [32, 784] and [256, 128] do not match}.
 *
 * <pre>{@code
 * Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);   // (2, 3)
 * Tensor w = Tensor.uniform(new Rng(7), -1, 1, 3, 4);           // (3, 4)
 * Tensor y = x.matmul(w).add(Tensor.ones(4)).relu();            // (2, 4)
 * float total = y.sum().item();
 * }</pre>
 */
public final class Tensor {
    /**
     * From this many values {@link #copyFrom} splits its copy across the threads: one thread's copy of
     * a dense layer's gradient into the weight's (a training step's, 200,704 values for W1's first
     * layer) ran while the other core waited. Views of one storage are copied in one piece, since
     * {@code System.arraycopy} copies overlapping ranges as if through a temporary and chunks would not.
     */
    private static final int PARALLEL_COPY_MIN_FLOATS = 1 << 16;

    private final float[] data;
    private final int offset;
    private final int[] shape;
    private final int size;

    Tensor(float[] data, int offset, int[] shape) {
        this.data = data;
        this.offset = offset;
        this.shape = shape;
        this.size = Shapes.size(shape);
        if (offset < 0 || offset + size > data.length) {
            throw new IllegalArgumentException("storage of " + data.length + " floats cannot hold a tensor of shape "
                    + Shapes.toString(shape) + " at offset " + offset);
        }
    }

    // ----------------------------------------------------------------------------------- creation

    /** A tensor of the given shape with unspecified content, for operations that overwrite it. */
    public static Tensor empty(int... shape) {
        return new Tensor(BufferArena.allocate(Shapes.size(shape)), 0, shape.clone());
    }

    public static Tensor zeros(int... shape) {
        return full(0f, shape);
    }

    public static Tensor ones(int... shape) {
        return full(1f, shape);
    }

    public static Tensor full(float value, int... shape) {
        Tensor t = empty(shape);
        Arrays.fill(t.data, 0, t.size, value);
        return t;
    }

    /** A rank-0 tensor holding one value. */
    public static Tensor scalar(float value) {
        return full(value, new int[0]);
    }

    /** {@code [start, start + step, ...]} up to but excluding {@code end}. */
    public static Tensor arange(float start, float end, float step) {
        if (step == 0 || (end - start) / step < 0) {
            throw new IllegalArgumentException("arange: no values from " + start + " to " + end + " by " + step);
        }
        int n = (int) Math.ceil((end - start) / step);
        Tensor t = empty(n);
        for (int i = 0; i < n; i++) {
            t.data[i] = start + i * step;
        }
        return t;
    }

    /** {@code [0, 1, ..., n-1]}. */
    public static Tensor arange(int n) {
        return arange(0, n, 1);
    }

    /** Wraps {@code values} (not copied) as a tensor of the given shape. */
    public static Tensor of(float[] values, int... shape) {
        if (Shapes.size(shape) != values.length) {
            throw new IllegalArgumentException("of: " + values.length + " values do not fill shape "
                    + Shapes.toString(shape));
        }
        return new Tensor(values, 0, shape.clone());
    }

    /**
     * Integers (labels, token ids) as floats of the given shape, exact up to 2^24.
     *
     * <pre>{@code
     * Tensor y = Tensor.ofInts(new int[] {0, 1, 1}, 3, 1);   // (3, 1) labels
     * }</pre>
     */
    public static Tensor ofInts(int[] values, int... shape) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = values[i];
        }
        return of(floats, shape);
    }

    /** A 1-D tensor of the given values (copied). */
    public static Tensor vector(float... values) {
        return of(values.clone(), values.length);
    }

    /** A 2-D tensor from rows of equal length (copied). */
    public static Tensor matrix(float[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        Tensor t = empty(rows.length, cols);
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != cols) {
                throw new IllegalArgumentException("matrix: row " + r + " has " + rows[r].length
                        + " values, row 0 has " + cols);
            }
            System.arraycopy(rows[r], 0, t.data, r * cols, cols);
        }
        return t;
    }

    /** Values drawn uniformly from {@code [low, high)}. */
    public static Tensor uniform(Rng rng, float low, float high, int... shape) {
        Tensor t = empty(shape);
        for (int i = 0; i < t.size; i++) {
            t.data[i] = rng.uniform(low, high);
        }
        return t;
    }

    /** Values drawn from a normal distribution. */
    public static Tensor normal(Rng rng, float mean, float std, int... shape) {
        Tensor t = empty(shape);
        for (int i = 0; i < t.size; i++) {
            t.data[i] = rng.normal(mean, std);
        }
        return t;
    }

    /** A tensor of the same shape as this one with unspecified content. */
    public Tensor emptyLike() {
        return empty(shape);
    }

    public Tensor zerosLike() {
        return zeros(shape);
    }

    /** A copy with storage of its own. */
    public Tensor copy() {
        Tensor t = empty(shape);
        System.arraycopy(data, offset, t.data, 0, size);
        return t;
    }

    // ---------------------------------------------------------------------------------- accessors

    /** The shape (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** The size of one dimension; negative axes count from the end. */
    public int dim(int axis) {
        return shape[Shapes.axis("dim", axis, shape.length)];
    }

    public int size() {
        return size;
    }

    /** The backing storage; this tensor's elements are {@code data()[offset() .. offset()+size())}. */
    public float[] data() {
        return data;
    }

    public int offset() {
        return offset;
    }

    /** The single value of a one-element tensor. */
    public float item() {
        if (size != 1) {
            throw new IllegalStateException("item: tensor of shape " + Shapes.toString(shape) + " has " + size
                    + " elements, not 1");
        }
        return data[offset];
    }

    /** The element at the given index, one coordinate per dimension. */
    public float get(int... index) {
        return data[offset + flatIndex(index)];
    }

    /** Sets the element at the given index in place. */
    public void set(float value, int... index) {
        data[offset + flatIndex(index)] = value;
    }

    /** The values, copied into a new array in row-major order. */
    public float[] toArray() {
        return Arrays.copyOfRange(data, offset, offset + size);
    }

    public boolean sameShape(Tensor other) {
        return Arrays.equals(shape, other.shape);
    }

    private int flatIndex(int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index " + Arrays.toString(index) + " does not fit shape "
                    + Shapes.toString(shape));
        }
        int flat = 0;
        for (int d = 0; d < shape.length; d++) {
            if (index[d] < 0 || index[d] >= shape[d]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " is outside shape "
                        + Shapes.toString(shape));
            }
            flat = flat * shape[d] + index[d];
        }
        return flat;
    }

    // ----------------------------------------------------------------------------- shape and views

    /** The same storage seen with another shape; one dimension may be {@code -1} (inferred). */
    public Tensor reshape(int... newShape) {
        return new Tensor(data, offset, ShapeOps.resolveReshape(shape, newShape));
    }

    /** The rows {@code [start, end)} of the first axis, as a view. */
    public Tensor slice(int start, int end) {
        if (shape.length == 0 || start < 0 || end > shape[0] || start > end) {
            throw new IndexOutOfBoundsException("slice: rows [" + start + ", " + end + ") of shape "
                    + Shapes.toString(shape));
        }
        int[] s = shape.clone();
        s[0] = end - start;
        return new Tensor(data, offset + start * Shapes.product(shape, 1, shape.length), s);
    }

    /** Row {@code i} of the first axis, as a view of rank one less. */
    public Tensor row(int i) {
        return slice(i, i + 1).reshape(Arrays.copyOfRange(shape, 1, shape.length));
    }

    /** {@code [start, end)} along any axis, copied. */
    public Tensor slice(int axis, int start, int end) {
        return ShapeOps.slice(this, Shapes.axis("slice", axis, shape.length), start, end);
    }

    /** The 2-D transpose (copied). */
    public Tensor transpose() {
        if (shape.length != 2) {
            throw new IllegalArgumentException("transpose: expects a 2-D tensor, got shape " + Shapes.toString(shape));
        }
        return permute(1, 0);
    }

    /** Swaps two axes (copied). */
    public Tensor transpose(int axis1, int axis2) {
        int[] order = new int[shape.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        int a = Shapes.axis("transpose", axis1, shape.length);
        int b = Shapes.axis("transpose", axis2, shape.length);
        order[a] = b;
        order[b] = a;
        return permute(order);
    }

    /** Reorders the axes: output axis {@code i} is input axis {@code order[i]} (copied). */
    public Tensor permute(int... order) {
        return ShapeOps.permute(this, order);
    }

    /** A sequence batch {@code (batch, time, ...)} with its time axis reversed (copied). */
    public Tensor reverseTime() {
        return ShapeOps.reverseTime(this);
    }

    /** The rows of the first axis at {@code indices}, in that order (copied). */
    public Tensor gather(int... indices) {
        return Indexing.gatherRows(this, indices);
    }

    /** {@code this[indices[i]] += rows[i]} along the first axis, in place; the adjoint of {@link #gather}. */
    public Tensor scatterAddInPlace(int[] indices, Tensor rows) {
        Indexing.scatterAddRows(this, indices, rows);
        return this;
    }

    /** Joins tensors along an existing axis. */
    public static Tensor concat(int axis, Tensor... parts) {
        return ShapeOps.concat(axis, parts);
    }

    /** Joins tensors of equal shape along a new axis. */
    public static Tensor stack(int axis, Tensor... parts) {
        return ShapeOps.stack(axis, parts);
    }

    /** Cuts along an axis into pieces of the given sizes, which must add up to the axis' size. */
    public Tensor[] split(int axis, int... sizes) {
        return ShapeOps.split(this, axis, sizes);
    }

    /** Makes this tensor's shape {@code target} by summing over the broadcast dimensions. */
    public Tensor sumTo(int... target) {
        return Reductions.sumTo(this, target);
    }

    /** Repeats along broadcast dimensions to the shape {@code target}. */
    public Tensor broadcastTo(int... target) {
        return Elementwise.broadcastTo(this, target);
    }

    // --------------------------------------------------------------------------- elementwise math

    public Tensor add(Tensor other) {
        return Elementwise.binary("add", Elementwise.ADD, this, other);
    }

    public Tensor sub(Tensor other) {
        return Elementwise.binary("sub", Elementwise.SUB, this, other);
    }

    public Tensor mul(Tensor other) {
        return Elementwise.binary("mul", Elementwise.MUL, this, other);
    }

    public Tensor div(Tensor other) {
        return Elementwise.binary("div", Elementwise.DIV, this, other);
    }

    /** The elementwise larger value. */
    public Tensor maximum(Tensor other) {
        return Elementwise.binary("maximum", Elementwise.MAX, this, other);
    }

    /** The elementwise smaller value. */
    public Tensor minimum(Tensor other) {
        return Elementwise.binary("minimum", Elementwise.MIN, this, other);
    }

    public Tensor add(float value) {
        return Elementwise.addScalar(this, value);
    }

    public Tensor sub(float value) {
        return Elementwise.addScalar(this, -value);
    }

    public Tensor mul(float value) {
        return Elementwise.mulScalar(this, value);
    }

    public Tensor div(float value) {
        return Elementwise.mulScalar(this, 1f / value);
    }

    public Tensor pow(float exponent) {
        return Elementwise.pow(this, exponent);
    }

    public Tensor neg() {
        return Elementwise.unary(Elementwise.Unary.NEG, this);
    }

    public Tensor abs() {
        return Elementwise.unary(Elementwise.Unary.ABS, this);
    }

    public Tensor exp() {
        return Elementwise.unary(Elementwise.Unary.EXP, this);
    }

    public Tensor log() {
        return Elementwise.unary(Elementwise.Unary.LOG, this);
    }

    public Tensor sqrt() {
        return Elementwise.unary(Elementwise.Unary.SQRT, this);
    }

    public Tensor square() {
        return Elementwise.unary(Elementwise.Unary.SQUARE, this);
    }

    public Tensor reciprocal() {
        return Elementwise.unary(Elementwise.Unary.RECIPROCAL, this);
    }

    public Tensor tanh() {
        return Elementwise.unary(Elementwise.Unary.TANH, this);
    }

    public Tensor sigmoid() {
        return Elementwise.unary(Elementwise.Unary.SIGMOID, this);
    }

    public Tensor relu() {
        return Elementwise.unary(Elementwise.Unary.RELU, this);
    }

    /** 1 where this tensor's value is greater than {@code other}'s (broadcast), else 0. */
    public Tensor greater(Tensor other) {
        return Elementwise.binary("greater", Elementwise.GREATER, this, other);
    }

    /** 1 where this tensor's value equals {@code other}'s (broadcast), else 0. */
    public Tensor equal(Tensor other) {
        return Elementwise.binary("equal", Elementwise.EQUAL, this, other);
    }

    /** Elementwise choice: {@code a} where {@code mask} is non-zero, {@code b} elsewhere (broadcast). */
    public static Tensor where(Tensor mask, Tensor a, Tensor b) {
        return Elementwise.where(mask, a, b);
    }

    // -------------------------------------------------------------------------------- reductions

    /** The sum of all elements, as a rank-0 tensor. */
    public Tensor sum() {
        return Reductions.sumAll(this);
    }

    /** Sums along {@code axis}; with {@code keepDims} the axis stays with size 1. */
    public Tensor sum(int axis, boolean keepDims) {
        return Reductions.sum(this, Shapes.axis("sum", axis, shape.length), keepDims);
    }

    public Tensor mean() {
        return Reductions.sumAll(this).mul(1f / size);
    }

    public Tensor mean(int axis, boolean keepDims) {
        int a = Shapes.axis("mean", axis, shape.length);
        return Reductions.sum(this, a, keepDims).mul(1f / shape[a]);
    }

    /** The largest element, as a rank-0 tensor. */
    public Tensor max() {
        return Reductions.maxAll(this);
    }

    public Tensor max(int axis, boolean keepDims) {
        return Reductions.max(this, Shapes.axis("max", axis, shape.length), keepDims);
    }

    /** The index of the largest element along {@code axis} (the first one on ties), axis removed. */
    public int[] argmax(int axis) {
        return Reductions.argmax(this, Shapes.axis("argmax", axis, shape.length));
    }

    /** Softmax along the last axis, numerically stable. */
    public Tensor softmax() {
        return Reductions.softmaxLastAxis(this, false);
    }

    /** Log-softmax along the last axis, numerically stable. */
    public Tensor logSoftmax() {
        return Reductions.softmaxLastAxis(this, true);
    }

    // ---------------------------------------------------------------------------- linear algebra

    /** Matrix product: 2-D by 2-D, batched 3-D by 3-D, or 3-D by 2-D (the matrix shared by the batch). */
    public Tensor matmul(Tensor other) {
        return LinearAlgebra.matmul(this, other, false, false);
    }

    /** {@code op(this) · op(other)} where op transposes the last two axes when asked, without copying. */
    public Tensor matmul(Tensor other, boolean transposeThis, boolean transposeOther) {
        return LinearAlgebra.matmul(this, other, transposeThis, transposeOther);
    }

    // ----------------------------------------------------------------------------------- in place

    /** {@code this += other} (other broadcast to this shape); returns this. */
    public Tensor addInPlace(Tensor other) {
        Elementwise.binaryInto("addInPlace", Elementwise.ADD, this, other, this);
        return this;
    }

    /** {@code this += alpha * other} for tensors of the same size; returns this. */
    public Tensor axpyInPlace(float alpha, Tensor other) {
        Elementwise.axpy(alpha, other, this);
        return this;
    }

    /** {@code this *= value}; returns this. */
    public Tensor mulInPlace(float value) {
        Elementwise.mulScalarInto(this, value, this);
        return this;
    }

    public Tensor fill(float value) {
        Arrays.fill(data, offset, offset + size, value);
        return this;
    }

    /** Copies {@code source}'s values (same size) into this tensor; returns this. */
    public Tensor copyFrom(Tensor source) {
        if (source.size != size) {
            throw new IllegalArgumentException("copyFrom: shapes " + Shapes.toString(source.shape) + " and "
                    + Shapes.toString(shape) + " differ in size");
        }
        if (size < PARALLEL_COPY_MIN_FLOATS || source.data == data) {
            System.arraycopy(source.data, source.offset, data, offset, size);
        } else {
            Parallel.forRange(0, size, PARALLEL_COPY_MIN_FLOATS / 2, (from, to) ->
                    System.arraycopy(source.data, source.offset + from, data, offset + from, to - from));
        }
        return this;
    }

    // --------------------------------------------------------------------------------- comparison

    /** True when both have the same shape and every pair of values differs by at most {@code tolerance}. */
    public boolean allClose(Tensor other, float tolerance) {
        if (!sameShape(other)) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            float a = data[offset + i];
            float b = other.data[other.offset + i];
            if (!(Math.abs(a - b) <= tolerance) && !(Float.isNaN(a) && Float.isNaN(b)) && a != b) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor").append(Shapes.toString(shape));
        int shown = Math.min(size, 10);
        sb.append(" [");
        for (int i = 0; i < shown; i++) {
            sb.append(i == 0 ? "" : ", ").append(data[offset + i]);
        }
        return sb.append(size > shown ? ", ...]" : "]").toString();
    }
}
