package org.neurite.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurite.testing.Tolerances;

/** Every binary operation, in every broadcasting pattern, against a naive index-by-index reference. */
class BroadcastingTest {

    /** A binary tensor operation and its scalar meaning. */
    enum Op {
        ADD(Tensor::add, (x, y) -> x + y),
        SUB(Tensor::sub, (x, y) -> x - y),
        MUL(Tensor::mul, (x, y) -> x * y),
        DIV(Tensor::div, (x, y) -> x / y),
        MAXIMUM(Tensor::maximum, Math::max),
        MINIMUM(Tensor::minimum, Math::min),
        GREATER(Tensor::greater, (x, y) -> x > y ? 1f : 0f),
        EQUAL(Tensor::equal, (x, y) -> x.floatValue() == y.floatValue() ? 1f : 0f);

        final BinaryOperator<Tensor> tensor;
        final BinaryOperator<Float> scalar;

        Op(BinaryOperator<Tensor> tensor, BinaryOperator<Float> scalar) {
            this.tensor = tensor;
            this.scalar = scalar;
        }
    }

    /** Pairs of shapes, named by their broadcasting pattern; each pair is also tried the other way round. */
    static final int[][][] PATTERNS = {
        {{3, 4}, {3, 4}},            // same shape
        {{3, 4}, {}},                // rank-0 scalar
        {{}, {}},                    // both rank 0
        {{3, 4}, {1}},               // one-element vector
        {{3, 4}, {4}},               // row vector [B, N] + [N]
        {{3, 4}, {1, 4}},            // row vector [B, N] + [1, N]
        {{3, 4}, {3, 1}},            // column [B, N] + [B, 1]
        {{3, 1}, {1, 4}},            // outer: column + row
        {{2, 1, 4}, {3, 1}},         // [B, 1, N] + [M, 1]
        {{2, 3, 4}, {3, 1}},         // 3-D + column
        {{2, 3, 4}, {2, 1, 4}},      // middle axis stretched
        {{2, 3, 4}, {2, 3, 1}},      // last axis stretched
        {{2, 1, 1}, {3, 4}},         // outer only
        {{2, 3, 1, 5}, {4, 1}},      // 4-D mixed
    };

    static Stream<Arguments> opsAndPatterns() {
        List<Arguments> cases = new ArrayList<>();
        for (Op op : Op.values()) {
            for (int[][] p : PATTERNS) {
                cases.add(Arguments.of(op, p[0], p[1]));
                cases.add(Arguments.of(op, p[1], p[0]));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("opsAndPatterns")
    void binaryOpsMatchANaiveReferenceInEveryBroadcastPattern(Op op, int[] shapeA, int[] shapeB) {
        Rng rng = new Rng(shapeA.length * 31L + shapeB.length);
        Tensor a = smallNonZeroIntegers(rng, shapeA);
        Tensor b = smallNonZeroIntegers(rng, shapeB);
        Tensor expected = naive(op.scalar, a, b);
        Tensor actual = op.tensor.apply(a, b);
        assertArrayEquals(expected.shape(), actual.shape());
        assertTrue(expected.allClose(actual, Tolerances.ROUNDING), () -> expected + " vs " + actual);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("opsAndPatterns")
    void binaryOpsReadOperandsThatAreViewsAtTheirOffset(Op op, int[] shapeA, int[] shapeB) {
        Rng rng = new Rng(7);
        Tensor a = viewOf(smallNonZeroIntegers(rng, shapeA));
        Tensor b = viewOf(smallNonZeroIntegers(rng, shapeB));
        Tensor expected = naive(op.scalar, a, b);
        assertTrue(expected.allClose(op.tensor.apply(a, b), Tolerances.ROUNDING));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Op.class)
    void sameShapeOperandsLargeEnoughToSplitAcrossThreadsMatchTheNaiveReference(Op op) {
        Rng rng = new Rng(11);
        int[] shape = {5, 200, 257};   // 257,000 values: split into parts at odd offsets
        Tensor a = viewOf(smallNonZeroIntegers(rng, shape));
        Tensor b = smallNonZeroIntegers(rng, shape);
        Tensor expected = naive(op.scalar, a, b);
        assertArrayEquals(expected.toArray(), op.tensor.apply(a, b).toArray());
        Tensor sum = a.copy().addInPlace(b);
        assertArrayEquals(naive(Op.ADD.scalar, a, b).toArray(), sum.toArray());
    }

    @Test
    void comparisonsGiveOneOrZero() {
        Tensor a = Tensor.vector(1, 2, 3);
        Tensor b = Tensor.scalar(2);
        assertArrayEquals(new float[] {0, 0, 1}, a.greater(b).toArray());
        assertArrayEquals(new float[] {0, 1, 0}, a.equal(b).toArray());
        assertArrayEquals(new float[] {1, 0, 0}, b.greater(a).toArray());
    }

    @Test
    void whereMatchesANaiveReferenceWithAllThreeBroadcast() {
        Rng rng = new Rng(5);
        Tensor mask = Tensor.vector(1, 0, 0, 1).reshape(1, 4);           // (1, 4)
        Tensor a = smallNonZeroIntegers(rng, 3, 1);                      // (3, 1)
        Tensor b = smallNonZeroIntegers(rng, 2, 1, 1);                   // (2, 1, 1)
        Tensor out = Tensor.where(mask, a, b);
        assertArrayEquals(new int[] {2, 3, 4}, out.shape());
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    float want = mask.get(0, k) != 0 ? a.get(j, 0) : b.get(i, 0, 0);
                    assertEquals(want, out.get(i, j, k));
                }
            }
        }
    }

    @Test
    void whereWithScalarBranches() {
        Tensor mask = Tensor.vector(0, 1, 2, 0);
        assertArrayEquals(new float[] {-1, 5, 5, -1},
                Tensor.where(mask, Tensor.scalar(5), Tensor.scalar(-1)).toArray());
    }

    @Test
    void broadcastToRepeatsAlongStretchedAxes() {
        Tensor column = Tensor.vector(1, 2).reshape(2, 1);
        assertArrayEquals(new float[] {1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2}, column.broadcastTo(2, 2, 3).toArray());
        assertArrayEquals(new float[] {7, 7, 7, 7}, Tensor.scalar(7).broadcastTo(2, 2).toArray());
        assertThrows(IllegalArgumentException.class, () -> column.broadcastTo(3, 3));
        assertThrows(IllegalArgumentException.class, () -> Tensor.ones(2, 3).broadcastTo(3));
    }

    @Test
    void addInPlaceBroadcastsTheOtherOperandOnly() {
        Tensor x = Tensor.zeros(2, 3);
        x.addInPlace(Tensor.vector(1, 2, 3)).addInPlace(Tensor.vector(10, 20).reshape(2, 1));
        assertArrayEquals(new float[] {11, 12, 13, 21, 22, 23}, x.toArray());
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(3).addInPlace(Tensor.ones(2, 3)));
    }

    @Test
    void scalarOperationsApplyToEveryElement() {
        Tensor x = Tensor.vector(1, 2, 4);
        assertArrayEquals(new float[] {3, 4, 6}, x.add(2).toArray());
        assertArrayEquals(new float[] {-1, 0, 2}, x.sub(2).toArray());
        assertArrayEquals(new float[] {2, 4, 8}, x.mul(2).toArray());
        assertArrayEquals(new float[] {0.5f, 1, 2}, x.div(2).toArray());
        assertArrayEquals(new float[] {1, 4, 16}, x.pow(2).toArray());
    }

    // ----------------------------------------------------------------------------------- reference

    /** {@code f(a, b)} computed one output element at a time, reading each operand through its own index. */
    static Tensor naive(BinaryOperator<Float> f, Tensor a, Tensor b) {
        int rank = Math.max(a.rank(), b.rank());
        int[] shape = new int[rank];
        for (int d = 0; d < rank; d++) {
            int da = dimAligned(a, d, rank);
            int db = dimAligned(b, d, rank);
            shape[d] = da == 1 ? db : da;
        }
        Tensor out = Tensor.zeros(shape);
        int[] index = new int[rank];
        for (int flat = 0; flat < out.size(); flat++) {
            int rest = flat;
            for (int d = rank - 1; d >= 0; d--) {
                index[d] = rest % shape[d];
                rest /= shape[d];
            }
            out.set(f.apply(a.get(project(index, a)), b.get(project(index, b))), index);
        }
        return out;
    }

    private static int dimAligned(Tensor t, int d, int rank) {
        int i = d - (rank - t.rank());
        return i < 0 ? 1 : t.dim(i);
    }

    /** The index into {@code t} that an output index reads: right-aligned, 0 along stretched axes. */
    private static int[] project(int[] outIndex, Tensor t) {
        int[] index = new int[t.rank()];
        int skip = outIndex.length - t.rank();
        for (int i = 0; i < index.length; i++) {
            index[i] = t.dim(i) == 1 ? 0 : outIndex[skip + i];
        }
        return index;
    }

    /** Values in {-3..3} without 0, so that divisions are defined and comparisons see ties. */
    static Tensor smallNonZeroIntegers(Rng rng, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            int v = rng.nextInt(6) - 3;
            d[i] = v >= 0 ? v + 1 : v;
        }
        return t;
    }

    /** The same values, seen as a view at a non-zero offset of a larger storage. */
    private static Tensor viewOf(Tensor t) {
        Tensor holder = Tensor.zeros(2, t.size());
        holder.row(1).copyFrom(t);
        return holder.row(1).reshape(t.shape());
    }
}
