package org.neurite.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurite.testing.Tolerances;

/** Reductions along every axis of 1-D, 2-D and 3-D tensors against a naive loop over the reduced axis. */
class ReductionsTest {
    private static final int[][] SHAPES = {{7}, {3, 5}, {2, 3, 4}, {1, 4, 1}};

    static Stream<Arguments> shapesAxesKeepDims() {
        List<Arguments> cases = new ArrayList<>();
        for (int[] shape : SHAPES) {
            for (int axis = 0; axis < shape.length; axis++) {
                cases.add(Arguments.of(shape, axis, true));
                cases.add(Arguments.of(shape, axis, false));
            }
        }
        return cases.stream();
    }

    private enum Kind { SUM, MEAN, MAX }

    @ParameterizedTest(name = "{0} axis {1} keepDims {2}")
    @MethodSource("shapesAxesKeepDims")
    void sumMeanMaxAndArgmaxMatchANaiveLoop(int[] shape, int axis, boolean keepDims) {
        Tensor x = Tensor.normal(new Rng(axis + 10L * shape.length), 0, 1, shape);
        int[] expectedShape = Shapes.reduce(shape, axis, keepDims);
        for (Kind kind : Kind.values()) {
            Tensor actual = switch (kind) {
                case SUM -> x.sum(axis, keepDims);
                case MEAN -> x.mean(axis, keepDims);
                case MAX -> x.max(axis, keepDims);
            };
            assertArrayEquals(expectedShape, actual.shape(), kind.name());
            Tensor expected = naive(kind, x, axis).reshape(expectedShape);
            assertTrue(expected.allClose(actual, Tolerances.ROUNDING), () -> kind + ": " + expected + " vs " + actual);
        }
        int[] argmax = x.argmax(axis);
        Tensor max = naive(Kind.MAX, x, axis);
        assertEquals(max.size(), argmax.length);
        forEachReducedRun(x, axis, (out, index) -> {
            index[axis] = argmax[out];
            assertEquals(max.data()[out], x.get(index));
        });
    }

    @Test
    void negativeAxesCountFromTheEnd() {
        Tensor x = Tensor.arange(6).reshape(2, 3);
        assertArrayEquals(new float[] {3, 12}, x.sum(-1, false).toArray());
        assertArrayEquals(new float[] {3, 4, 5}, x.max(-2, false).toArray());
        assertArrayEquals(new int[] {2, 2}, x.argmax(-1));
        assertThrows(IllegalArgumentException.class, () -> x.sum(2, false));
        assertThrows(IllegalArgumentException.class, () -> x.mean(-3, true));
    }

    @Test
    void wholeTensorReductionsGiveRankZero() {
        Tensor x = Tensor.arange(6).reshape(2, 3);
        assertEquals(0, x.sum().rank());
        assertEquals(15f, x.sum().item());
        assertEquals(2.5f, x.mean().item());
        assertEquals(5f, x.max().item());
        assertEquals(0f, Tensor.zeros(0).sum().item());
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(0).max());
    }

    @Test
    void argmaxPicksTheFirstOfTiedValues() {
        Tensor x = Tensor.matrix(new float[][] {{1, 3, 3}, {2, 2, 0}});
        assertArrayEquals(new int[] {1, 0}, x.argmax(1));
        assertArrayEquals(new int[] {1, 0, 0}, x.argmax(0));
    }

    @Test
    void sumToUndoesEveryBroadcastPattern() {
        Rng rng = new Rng(9);
        for (int[][] pattern : BroadcastingTest.PATTERNS) {
            int[] small = pattern[1];
            Tensor big = Tensor.normal(rng, 0, 1, pattern[0]).add(Tensor.zeros(small));   // broadcast shape
            Tensor summed = big.sumTo(small);
            assertArrayEquals(small, summed.shape());
            // Summing to a shape is the adjoint of broadcasting to it: <sumTo(g), v> = <g, broadcast(v)>.
            Tensor v = Tensor.normal(rng, 0, 1, small);
            float lhs = summed.mul(v).sum().item();
            float rhs = big.mul(v.broadcastTo(big.shape())).sum().item();
            assertEquals(rhs, lhs, Tolerances.REORDERED_SUMS * Math.max(1, Math.abs(rhs)));
        }
    }

    @Test
    void sumToMatchesAHandMadeExpectation() {
        Tensor x = Tensor.arange(12).reshape(2, 3, 2);
        assertArrayEquals(new float[] {30, 36}, x.sumTo(2).toArray());
        assertArrayEquals(new float[] {6, 8, 10, 12, 14, 16}, x.sumTo(3, 2).toArray());
        assertArrayEquals(new float[] {1, 5, 9, 13, 17, 21}, x.sumTo(2, 3, 1).toArray());
        assertArrayEquals(new float[] {66}, x.sumTo(1).toArray());
        assertEquals(66f, x.sumTo().item());
        assertThrows(IllegalArgumentException.class, () -> x.sumTo(4));
    }

    @Test
    void softmaxRowsArePositiveAndSumToOne() {
        Tensor x = Tensor.normal(new Rng(2), 0, 3, 4, 2, 7);
        Tensor p = x.softmax();
        assertArrayEquals(x.shape(), p.shape());
        Tensor sums = p.sum(-1, false);
        assertTrue(sums.allClose(Tensor.ones(4, 2), Tolerances.ROUNDING * 7), sums::toString);
        assertTrue(-p.neg().max().item() > 0);
        assertTrue(x.logSoftmax().exp().allClose(p, Tolerances.ROUNDING));
    }

    @Test
    void softmaxAndLogSoftmaxAreStableForHugeValues() {
        Tensor x = Tensor.matrix(new float[][] {{1e30f, 1e30f, -1e30f}, {1000, 999, 998}, {-1e4f, -1e4f, -1e4f}});
        Tensor p = x.softmax();
        Tensor logP = x.logSoftmax();
        for (float v : logP.toArray()) {
            assertTrue(!Float.isNaN(v) && v != Float.POSITIVE_INFINITY, logP::toString);
        }
        assertArrayEquals(new float[] {0.5f, 0.5f, 0}, p.row(0).toArray(), Tolerances.ROUNDING);
        float z = (float) (1 + Math.exp(-1) + Math.exp(-2));
        assertArrayEquals(new float[] {1 / z, (float) Math.exp(-1) / z, (float) Math.exp(-2) / z},
                p.row(1).toArray(), Tolerances.ROUNDING);
        assertArrayEquals(new float[] {-(float) Math.log(z), -1 - (float) Math.log(z), -2 - (float) Math.log(z)},
                logP.row(1).toArray(), Tolerances.ROUNDING);
        assertArrayEquals(new float[] {1 / 3f, 1 / 3f, 1 / 3f}, p.row(2).toArray(), Tolerances.ROUNDING);
        assertEquals((float) -Math.log(2), logP.get(0, 0), Tolerances.ROUNDING);
    }

    @Test
    void softmaxOfAScalarIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Tensor.scalar(1).softmax());
    }

    // ----------------------------------------------------------------------------------- reference

    private interface RunVisitor {
        /** Called once per output element, with {@code index} pointing at its run (reduced axis free). */
        void visit(int out, int[] index);
    }

    private static void forEachReducedRun(Tensor x, int axis, RunVisitor visitor) {
        int[] shape = x.shape();
        int[] reduced = shape.clone();
        reduced[axis] = 1;
        int count = Shapes.size(reduced);
        for (int out = 0; out < count; out++) {
            int[] index = new int[shape.length];
            int rest = out;
            for (int d = shape.length - 1; d >= 0; d--) {
                index[d] = rest % reduced[d];
                rest /= reduced[d];
            }
            visitor.visit(out, index);
        }
    }

    /** The reduction as a flat tensor in output order, one naive loop over the axis per output element. */
    private static Tensor naive(Kind kind, Tensor x, int axis) {
        int[] reduced = x.shape();
        reduced[axis] = 1;
        Tensor out = Tensor.zeros(Shapes.size(reduced));
        forEachReducedRun(x, axis, (o, index) -> {
            double acc = kind == Kind.MAX ? Double.NEGATIVE_INFINITY : 0;
            for (int j = 0; j < x.dim(axis); j++) {
                index[axis] = j;
                float v = x.get(index);
                acc = kind == Kind.MAX ? Math.max(acc, v) : acc + v;
            }
            out.set((float) (kind == Kind.MEAN ? acc / x.dim(axis) : acc), o);
        });
        return out;
    }
}
