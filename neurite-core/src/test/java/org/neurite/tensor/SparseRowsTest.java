package org.neurite.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SparseRowsTest {
    // the dense matrix [[0, 2, 0, 1], [0, 0, 0, 0], [5, 0, 0, 0]]
    private static final SparseRows ROWS = SparseRows.of(4,
            new int[][] {{1, 3}, {}, {0}}, new float[][] {{2f, 1f}, {}, {5f}});

    @Test
    void gatherMakesTheChosenRowsDenseInOrder() {
        Tensor batch = ROWS.gather(2, 0, 2);
        assertArrayEquals(new int[] {3, 4}, batch.shape());
        assertArrayEquals(new float[] {5, 0, 0, 0, 0, 2, 0, 1, 5, 0, 0, 0}, batch.toArray());
    }

    @Test
    void gatherInsideAnArenaScopeClearsRecycledStorage() {
        BufferArena arena = new BufferArena();
        for (int round = 0; round < 2; round++) {
            try (BufferArena.Scope scope = arena.open()) {
                Tensor batch = round == 0 ? Tensor.full(9f, 3, 4) : ROWS.slice(0, 3);
                if (round == 1) {
                    assertArrayEquals(new float[] {0, 2, 0, 1, 0, 0, 0, 0, 5, 0, 0, 0}, batch.toArray());
                }
            }
        }
    }

    @Test
    void rowRangeKeepsItsRowsOnly() {
        SparseRows tail = ROWS.rowRange(1, 3);
        assertEquals(2, tail.rows());
        assertEquals(1, tail.storedEntries());
        assertArrayEquals(new float[] {0, 0, 0, 0, 5, 0, 0, 0}, tail.slice(0, 2).toArray());
    }

    @Test
    void columnsOutOfOrderOrRangeAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparseRows.of(4, new int[][] {{3, 1}}, new float[][] {{1f, 1f}}));
        assertTrue(e.getMessage().contains("row 0 needs increasing columns in [0, 4)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SparseRows.of(4, new int[][] {{4}}, new float[][] {{1f}}));
        assertThrows(IllegalArgumentException.class, () -> SparseRows.of(4, new int[][] {{1}}, new float[][] {{}}));
        assertThrows(IndexOutOfBoundsException.class, () -> ROWS.gather(3));
    }
}
