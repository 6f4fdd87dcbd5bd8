package org.neurite.cli.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.neurite.tensor.SparseRows;
import org.neurite.tensor.Tensor;

/** Sparse features are the same data as their dense matrix: the same sample count and checksum. */
class RecipeDataTest {
    private static final SparseRows ROWS = SparseRows.of(3, new int[][] {{0, 2}, {}, {1}},
            new float[][] {{0.5f, 2f}, {}, {1.25f}});
    private static final Tensor LABELS = Tensor.vector(1, 0, 1);

    @Test
    void sparseFeaturesHaveTheChecksumOfTheirDenseMatrix() {
        RecipeData sparse = RecipeData.sparse(ROWS, LABELS, ROWS, LABELS, null);
        RecipeData dense = new RecipeData(ROWS.slice(0, 3), LABELS, ROWS.slice(0, 3), LABELS);
        assertEquals(dense.trainingChecksum(), sparse.trainingChecksum());
        assertEquals(3, sparse.trainSamples());
        RecipeData other = new RecipeData(ROWS.slice(0, 3).mul(2f), LABELS, ROWS.slice(0, 3), LABELS);
        assertNotEquals(dense.trainingChecksum(), other.trainingChecksum());
    }
}
