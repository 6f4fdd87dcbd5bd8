package org.neurite.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The row gather and scatter-add of embedding lookups, at sizes large enough to be split across threads. */
class IndexingTest {
    private static final int VOCABULARY = 5000;
    private static final int WIDTH = 64;
    /** 4,096 rows of 64 floats: above the size at which the calls split across threads. */
    private static final int LOOKUPS = 4096;

    /** Word ids as text has them: a few frequent ids (low numbers), a long tail, padding 0 most of all. */
    private static int[] skewedIds(Rng rng) {
        int[] ids = new int[LOOKUPS];
        for (int i = 0; i < ids.length; i++) {
            float u = rng.uniform(0f, 1f);
            ids[i] = u < 0.3f ? 0 : (int) (VOCABULARY * u * u * u * u) % VOCABULARY;
        }
        return ids;
    }

    @Test
    void scatterAddEqualsTheSerialSumsInIndexOrder() {
        Rng rng = new Rng(3);
        int[] ids = skewedIds(rng);
        Tensor rows = Tensor.normal(rng, 0, 1, LOOKUPS, WIDTH);
        Tensor target = Tensor.normal(rng, 0, 1, VOCABULARY, WIDTH);
        float[] expected = target.toArray();
        float[] r = rows.toArray();
        for (int i = 0; i < LOOKUPS; i++) {
            for (int j = 0; j < WIDTH; j++) {
                expected[ids[i] * WIDTH + j] += r[i * WIDTH + j];
            }
        }
        target.scatterAddInPlace(ids, rows);
        assertArrayEquals(expected, target.toArray());
    }

    @Test
    void gatherCopiesTheRowsInIndexOrder() {
        Rng rng = new Rng(4);
        int[] ids = skewedIds(rng);
        Tensor table = Tensor.normal(rng, 0, 1, VOCABULARY, WIDTH);
        Tensor out = table.gather(ids);
        assertArrayEquals(new int[] {LOOKUPS, WIDTH}, out.shape());
        float[] t = table.toArray();
        float[] o = out.toArray();
        for (int i = 0; i < LOOKUPS; i++) {
            for (int j = 0; j < WIDTH; j++) {
                assertEquals(t[ids[i] * WIDTH + j], o[i * WIDTH + j]);
            }
        }
    }

    @Test
    void scatterBandsCoverEveryRowAndShareTheSkewedIndices() {
        int[] ids = skewedIds(new Rng(5));
        int[] bands = Indexing.balancedBands(ids, VOCABULARY, 4);
        assertEquals(0, bands[0]);
        assertEquals(VOCABULARY, bands[4]);
        for (int band = 0; band < 4; band++) {
            assertTrue(bands[band] <= bands[band + 1], "bands must not overlap: " + java.util.Arrays.toString(bands));
        }
        // row 0 alone holds 30% of the ids, so the first band cannot be smaller; none is empty of work
        int[] perBand = new int[4];
        for (int id : ids) {
            for (int band = 0; band < 4; band++) {
                if (id >= bands[band] && id < bands[band + 1]) {
                    perBand[band]++;
                }
            }
        }
        for (int count : perBand) {
            assertTrue(count > LOOKUPS / 8, "unbalanced bands " + java.util.Arrays.toString(perBand));
        }
    }

    @Test
    void scatterAddWithABadIndexChangesNothing() {
        int[] ids = skewedIds(new Rng(6));
        ids[LOOKUPS - 1] = VOCABULARY;
        Tensor target = Tensor.zeros(VOCABULARY, WIDTH);
        Tensor rows = Tensor.full(1f, LOOKUPS, WIDTH);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> target.scatterAddInPlace(ids, rows));
        assertEquals("scatterAdd: index 5000 is outside [0, 5000)", e.getMessage());
        assertEquals(0f, target.sum().item());
    }
}
