package org.neurite.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neurite.testing.Tolerances;

class TensorCreationTest {

    @Test
    void zerosOnesAndFullFillEveryElement() {
        assertArrayEquals(new float[6], Tensor.zeros(2, 3).toArray());
        assertArrayEquals(new float[] {1, 1, 1, 1}, Tensor.ones(4).toArray());
        Tensor full = Tensor.full(2.5f, 3, 1, 2);
        assertArrayEquals(new int[] {3, 1, 2}, full.shape());
        assertArrayEquals(new float[] {2.5f, 2.5f, 2.5f, 2.5f, 2.5f, 2.5f}, full.toArray());
    }

    @Test
    void zerosInsideAnArenaAreZeroEvenWhenStorageIsRecycled() {
        BufferArena arena = new BufferArena();
        try (BufferArena.Scope scope = arena.open()) {
            Tensor.full(7f, 5);
        }
        try (BufferArena.Scope scope = arena.open()) {
            assertArrayEquals(new float[5], Tensor.zeros(5).toArray());
        }
    }

    @Test
    void arangeCountsUpToButExcludingTheEnd() {
        assertArrayEquals(new float[] {0, 1, 2, 3, 4}, Tensor.arange(5).toArray());
        assertArrayEquals(new float[] {1, 1.5f, 2, 2.5f}, Tensor.arange(1, 3, 0.5f).toArray());
        assertArrayEquals(new float[] {3, 2, 1}, Tensor.arange(3, 0, -1).toArray());
        assertEquals(0, Tensor.arange(2, 2, 1).size());
        assertEquals(10, Tensor.arange(0, 1, 0.1f).size());
    }

    @Test
    void arangeRejectsAStepThatNeverReachesTheEnd() {
        assertThrows(IllegalArgumentException.class, () -> Tensor.arange(0, 5, 0));
        assertThrows(IllegalArgumentException.class, () -> Tensor.arange(0, 5, -1));
    }

    @Test
    void ofWrapsTheArrayWithoutCopying() {
        float[] values = {1, 2, 3, 4, 5, 6};
        Tensor t = Tensor.of(values, 2, 3);
        assertSame(values, t.data());
        assertEquals(6f, t.get(1, 2));
        values[0] = 9;
        assertEquals(9f, t.get(0, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(values, 4, 2));
        assertEquals("of: 6 values do not fill shape [4, 2]", e.getMessage());
    }

    @Test
    void vectorAndMatrixCopyTheirInput() {
        float[] values = {1, 2, 3};
        Tensor v = Tensor.vector(values);
        values[0] = 9;
        assertArrayEquals(new int[] {3}, v.shape());
        assertEquals(1f, v.get(0));

        float[][] rows = {{1, 2, 3}, {4, 5, 6}};
        Tensor m = Tensor.matrix(rows);
        rows[1][2] = 0;
        assertArrayEquals(new int[] {2, 3}, m.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, m.toArray());
    }

    @Test
    void matrixRejectsRaggedRows() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.matrix(new float[][] {{1, 2}, {3}}));
        assertEquals("matrix: row 1 has 1 values, row 0 has 2", e.getMessage());
    }

    @Test
    void uniformAndNormalAreReproducibleForASeed() {
        assertArrayEquals(Tensor.uniform(new Rng(42), -1, 1, 4, 5).toArray(),
                Tensor.uniform(new Rng(42), -1, 1, 4, 5).toArray());
        assertArrayEquals(Tensor.normal(new Rng(42), 0, 1, 20).toArray(),
                Tensor.normal(new Rng(42), 0, 1, 20).toArray());
        assertNotEquals(Tensor.normal(new Rng(42), 0, 1, 20).get(0), Tensor.normal(new Rng(43), 0, 1, 20).get(0));
    }

    @Test
    void uniformStaysInItsRangeAndNormalHasItsMoments() {
        Tensor u = Tensor.uniform(new Rng(1), 2, 3, 10_000);
        assertTrue(-u.neg().max().item() >= 2f && u.max().item() < 3f);
        Tensor n = Tensor.normal(new Rng(1), 5, 2, 10_000);
        float mean = n.mean().item();
        float std = (float) Math.sqrt(n.sub(mean).square().mean().item());
        // 10,000 draws: the sample mean's standard error is 2/100 = 0.02, the std's about 0.014; 5 errors.
        float sampling = 0.1f;
        assertEquals(5f, mean, sampling);
        assertEquals(2f, std, sampling);
    }

    @Test
    void scalarHasRankZeroAndOneElement() {
        Tensor s = Tensor.scalar(3.5f);
        assertEquals(0, s.rank());
        assertEquals(1, s.size());
        assertArrayEquals(new int[0], s.shape());
        assertEquals(3.5f, s.item());
        assertEquals(3.5f, s.get());
    }

    @Test
    void itemWorksOnAnyOneElementTensorAndFailsOtherwise() {
        assertEquals(4f, Tensor.full(4f, 1, 1, 1).item());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Tensor.ones(2, 3).item());
        assertEquals("item: tensor of shape [2, 3] has 6 elements, not 1", e.getMessage());
    }

    @Test
    void getAndSetCheckTheirIndex() {
        Tensor t = Tensor.zeros(2, 3);
        t.set(5f, 1, 2);
        assertEquals(5f, t.get(1, 2));
        assertEquals(5f, t.toArray()[5], Tolerances.ROUNDING);
        assertThrows(IndexOutOfBoundsException.class, () -> t.get(2, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> t.get(0, -1));
        assertThrows(IllegalArgumentException.class, () -> t.get(1));
    }

    @Test
    void copyHasStorageOfItsOwn() {
        Tensor t = Tensor.arange(4);
        Tensor c = t.copy();
        c.set(9f, 0);
        assertEquals(0f, t.get(0));
        assertArrayEquals(new float[] {9, 1, 2, 3}, c.toArray());
    }

    @Test
    void negativeDimensionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, -1));
    }

    /**
     * A copy large enough to be split across threads writes every value, views at an offset
     * included, and nothing beside them.
     */
    @Test
    void copyFromSplitAcrossThreadsCopiesEveryValueOfTheView() {
        int n = (1 << 17) + 3;
        Tensor source = Tensor.uniform(new Rng(3), -1, 1, 2, n).row(1);
        Tensor holder = Tensor.full(7f, 3, n);
        holder.row(1).copyFrom(source);
        assertArrayEquals(source.toArray(), holder.row(1).toArray());
        for (int row : new int[] {0, 2}) {
            for (float v : holder.row(row).toArray()) {
                assertEquals(7f, v);
            }
        }
    }

    /** Overlapping views of one storage copy as {@code System.arraycopy} does, however large. */
    @Test
    void copyFromBetweenOverlappingViewsOfOneStorageCopiesTheSourceAsItWas() {
        int n = 1 << 17;
        Tensor all = Tensor.zeros(n + 1000);
        for (int i = 0; i < all.size(); i++) {
            all.data()[i] = i;
        }
        all.slice(1000, n + 1000).copyFrom(all.slice(0, n));
        for (int i = 0; i < n; i++) {
            assertEquals(i, all.data()[1000 + i], "element " + (1000 + i));
        }
    }
}
