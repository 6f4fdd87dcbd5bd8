package org.neurite.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShapeOpsTest {
    /** {@code [[[0..3], [4..7], [8..11]], [[12..15], [16..19], [20..23]]]}: element value = flat index. */
    private static Tensor cube() {
        return Tensor.arange(24).reshape(2, 3, 4);
    }

    @Test
    void reshapeInfersOneDimensionAndSharesStorage() {
        Tensor t = Tensor.arange(12);
        Tensor r = t.reshape(3, -1);
        assertArrayEquals(new int[] {3, 4}, r.shape());
        assertArrayEquals(new int[] {2, 3, 2}, t.reshape(-1, 3, 2).shape());
        assertSame(t.data(), r.data());
        r.set(-1f, 2, 3);
        assertEquals(-1f, t.get(11));
    }

    @Test
    void reshapeRejectsWrongSizesAndSecondInferredDimension() {
        Tensor t = Tensor.arange(12);
        assertThrows(IllegalArgumentException.class, () -> t.reshape(5, -1));
        assertThrows(IllegalArgumentException.class, () -> t.reshape(-1, -1));
        assertThrows(IllegalArgumentException.class, () -> t.reshape(2, -2, 3));
        assertThrows(IllegalArgumentException.class, () -> t.reshape(0, -1));
        assertThrows(IllegalArgumentException.class, () -> t.reshape(13));
    }

    @Test
    void sliceOfFirstAxisIsAViewSharingStorage() {
        Tensor t = cube();
        Tensor s = t.slice(1, 2);
        assertArrayEquals(new int[] {1, 3, 4}, s.shape());
        assertSame(t.data(), s.data());
        assertEquals(12f, s.get(0, 0, 0));
        s.set(100f, 0, 2, 3);
        assertEquals(100f, t.get(1, 2, 3));
        t.set(-5f, 1, 0, 0);
        assertEquals(-5f, s.get(0, 0, 0));
        // A view of a view keeps the offset.
        Tensor inner = t.row(1).slice(1, 3);
        assertArrayEquals(new float[] {16, 17, 18, 19, 20, 21, 22, 100}, inner.toArray());
    }

    @Test
    void rowDropsTheFirstAxisAndSharesStorage() {
        Tensor m = Tensor.arange(6).reshape(2, 3);
        Tensor row = m.row(1);
        assertArrayEquals(new int[] {3}, row.shape());
        assertArrayEquals(new float[] {3, 4, 5}, row.toArray());
        row.set(9f, 0);
        assertEquals(9f, m.get(1, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> m.row(2));
        assertThrows(IndexOutOfBoundsException.class, () -> m.slice(1, 0));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void sliceAlongAnyAxisKeepsExactlyTheChosenIndices(int axis) {
        Tensor t = cube();
        int[] shape = t.shape();
        int start = 1;
        int end = shape[axis];
        Tensor s = t.slice(axis, start, end);
        int[] expectedShape = shape.clone();
        expectedShape[axis] = end - start;
        assertArrayEquals(expectedShape, s.shape());
        for (int i = 0; i < expectedShape[0]; i++) {
            for (int j = 0; j < expectedShape[1]; j++) {
                for (int k = 0; k < expectedShape[2]; k++) {
                    int[] src = {i, j, k};
                    src[axis] += start;
                    assertEquals(t.get(src), s.get(i, j, k));
                }
            }
        }
        // Copied, not a view.
        s.fill(-1f);
        assertEquals(23f, t.get(1, 2, 3));
    }

    @Test
    void sliceAlongAnAxisAcceptsNegativeAxesAndRejectsBadRanges() {
        Tensor t = cube();
        assertArrayEquals(new float[] {3, 7, 11, 15, 19, 23}, t.slice(-1, 3, 4).toArray());
        assertThrows(IndexOutOfBoundsException.class, () -> t.slice(2, 2, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> t.slice(1, -1, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> t.slice(0, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> t.slice(3, 0, 1));
    }

    @Test
    void sliceOfAViewReadsFromTheViewsOffset() {
        Tensor view = cube().slice(1, 2).reshape(3, 4);
        assertArrayEquals(new float[] {13, 14, 17, 18, 21, 22}, view.slice(1, 1, 3).toArray());
    }

    @Test
    void transposeMatchesAHandMadeExpectation() {
        Tensor m = Tensor.matrix(new float[][] {{1, 2, 3}, {4, 5, 6}});
        Tensor t = m.transpose();
        assertArrayEquals(new int[] {3, 2}, t.shape());
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, t.toArray());
        assertThrows(IllegalArgumentException.class, () -> cube().transpose());
    }

    @Test
    void permuteMatchesAHandMadeExpectation() {
        Tensor p = cube().permute(2, 0, 1);
        assertArrayEquals(new int[] {4, 2, 3}, p.shape());
        // p[k, i, j] = cube[i, j, k] = 12 i + 4 j + k
        assertArrayEquals(new float[] {
            0, 4, 8, 12, 16, 20,
            1, 5, 9, 13, 17, 21,
            2, 6, 10, 14, 18, 22,
            3, 7, 11, 15, 19, 23}, p.toArray());
        Tensor swapped = cube().transpose(0, 2);
        assertArrayEquals(new int[] {4, 3, 2}, swapped.shape());
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    assertEquals(12 * i + 4 * j + k, swapped.get(k, j, i));
                }
            }
        }
    }

    @Test
    void permuteKeepingTheLastAxisMovesWholeRowsOfAView() {
        // (b, t, h, d) -> (b, h, t, d), as attention heads are laid out; the source is a view at an offset
        Tensor x = Tensor.arange(2 * 2 * 3 * 2 * 4).reshape(2, 2, 3, 2, 4).row(1);
        Tensor p = x.permute(0, 2, 1, 3);
        assertArrayEquals(new int[] {2, 2, 3, 4}, p.shape());
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 3; t++) {
                for (int h = 0; h < 2; h++) {
                    for (int d = 0; d < 4; d++) {
                        assertEquals(x.get(b, t, h, d), p.get(b, h, t, d));
                    }
                }
            }
        }
    }

    @Test
    void permuteOfAViewAndItsInverseRoundTrip() {
        Tensor view = Tensor.arange(48).reshape(2, 2, 3, 4).row(1);
        Tensor back = view.permute(1, 2, 0).permute(2, 0, 1);
        assertArrayEquals(view.toArray(), back.toArray());
        assertThrows(IllegalArgumentException.class, () -> view.permute(0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> view.permute(0, 1));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void concatThenSplitRoundTripsAlongEachAxis(int axis) {
        Tensor t = cube();
        int n = t.dim(axis);
        Tensor[] parts = t.split(axis, 1, n - 1);
        assertEquals(1, parts[0].dim(axis));
        assertEquals(n - 1, parts[1].dim(axis));
        assertArrayEquals(t.slice(axis, 1, n).toArray(), parts[1].toArray());
        Tensor joined = Tensor.concat(axis, parts);
        assertArrayEquals(t.shape(), joined.shape());
        assertArrayEquals(t.toArray(), joined.toArray());
    }

    @Test
    void concatMatchesAHandMadeExpectation() {
        Tensor a = Tensor.matrix(new float[][] {{1, 2}, {3, 4}});
        Tensor b = Tensor.matrix(new float[][] {{5}, {6}});
        assertArrayEquals(new float[] {1, 2, 5, 3, 4, 6}, Tensor.concat(1, a, b).toArray());
        assertArrayEquals(new float[] {1, 2, 3, 4, 1, 2, 3, 4}, Tensor.concat(0, a, a).toArray());
        // Parts that are views are read from their offsets.
        Tensor big = Tensor.arange(8).reshape(4, 2);
        assertArrayEquals(new float[] {4, 5, 6, 7, 1, 2, 3, 4}, Tensor.concat(0, big.slice(2, 4), a).toArray());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void stackAddsAnAxisAndSplitUndoesIt(int axis) {
        Tensor a = cube();
        Tensor b = cube().mul(-1f);
        Tensor stacked = Tensor.stack(axis, a, b);
        int[] expected = new int[4];
        for (int d = 0, s = 0; d < 4; d++) {
            expected[d] = d == axis ? 2 : a.shape()[s++];
        }
        assertArrayEquals(expected, stacked.shape());
        Tensor[] parts = stacked.split(axis, 1, 1);
        assertArrayEquals(a.toArray(), parts[0].toArray());
        assertArrayEquals(b.toArray(), parts[1].toArray());
    }

    @Test
    void gatherPicksRowsInOrderWithRepeats() {
        Tensor table = Tensor.arange(12).reshape(4, 3);
        Tensor g = table.gather(3, 0, 3, 1);
        assertArrayEquals(new int[] {4, 3}, g.shape());
        assertArrayEquals(new float[] {9, 10, 11, 0, 1, 2, 9, 10, 11, 3, 4, 5}, g.toArray());
        assertThrows(IndexOutOfBoundsException.class, () -> table.gather(4));
        assertThrows(IndexOutOfBoundsException.class, () -> table.gather(-1));
    }

    @Test
    void gatherOfABatchLargeEnoughToSplitAcrossThreadsCopiesEveryRowWhole() {
        // 300 rows of 200 floats (60,000 floats): over the size at which the rows are copied by
        // several threads; the table is a view (an offset into a larger array), as a batch slice is.
        Tensor table = Tensor.arange(1001 * 200).reshape(1001, 200).slice(1, 1001);
        int[] rows = new int[300];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (i * 7919 + 13) % 1000;
        }
        Tensor g = table.gather(rows);
        assertArrayEquals(new int[] {300, 200}, g.shape());
        for (int i = 0; i < rows.length; i++) {
            assertArrayEquals(table.slice(rows[i], rows[i] + 1).toArray(), g.slice(i, i + 1).toArray(),
                    "row " + i + " (table row " + rows[i] + ")");
        }
        rows[299] = 1000;
        assertThrows(IndexOutOfBoundsException.class, () -> table.gather(rows));
    }

    @Test
    void scatterAddAccumulatesRepeatedIndices() {
        Tensor target = Tensor.zeros(3, 2);
        Tensor rows = Tensor.matrix(new float[][] {{1, 2}, {10, 20}, {100, 200}});
        target.scatterAddInPlace(new int[] {2, 0, 2}, rows);
        assertArrayEquals(new float[] {10, 20, 0, 0, 101, 202}, target.toArray());
        assertThrows(IndexOutOfBoundsException.class, () -> target.scatterAddInPlace(new int[] {0, 1, 3}, rows));
        assertThrows(IllegalArgumentException.class, () -> target.scatterAddInPlace(new int[] {0, 1}, rows));
    }

    /** Large enough to be split across threads by bands of target rows: each row adds its rows in index order. */
    @Test
    void largeScatterAddGivesTheSerialSumsBitForBit() {
        Rng rng = new Rng(4);
        int vocabulary = 97;
        int width = 16;
        int[] ids = new int[5000];
        Tensor rows = Tensor.empty(ids.length, width);
        for (int i = 0; i < ids.length; i++) {
            ids[i] = rng.nextInt(vocabulary);
            for (int j = 0; j < width; j++) {
                rows.data()[i * width + j] = rng.uniform(-1f, 1f);
            }
        }
        float[] expected = new float[vocabulary * width];
        for (int i = 0; i < ids.length; i++) {
            for (int j = 0; j < width; j++) {
                expected[ids[i] * width + j] += rows.data()[i * width + j];
            }
        }
        assertArrayEquals(expected, Tensor.zeros(vocabulary, width).scatterAddInPlace(ids, rows).toArray());
    }

    @Test
    void scatterAddIntoAViewWritesThroughToTheBase() {
        Tensor base = Tensor.zeros(4, 2);
        base.slice(2, 4).scatterAddInPlace(new int[] {1, 1}, Tensor.ones(2, 2));
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 2, 2}, base.toArray());
    }
}
