package org.neurite.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.neurite.tensor.Tensor;

class AucTest {
    private static final double EXACT = 1e-12;
    /** Keras' AUC is an estimate from 200 thresholds; these cases are hand-computed pair counts. */
    private static final double ESTIMATE = 1e-3;

    @Test
    void perfectlySeparatedScoresGiveOne() {
        Metric auc = Metrics.auc();
        auc.update(Tensor.vector(0.1f, 0.2f, 0.8f), Tensor.vector(0f, 0f, 1f));
        auc.update(Tensor.vector(0.9f, 0f), Tensor.vector(1f, 0f));
        assertEquals(1, auc.result(), EXACT);
    }

    @Test
    void reversedScoresGiveZero() {
        Metric auc = Metrics.auc();
        auc.update(Tensor.vector(0.9f, 0.8f, 0.2f, 0.1f), Tensor.vector(0f, 0f, 1f, 1f));
        assertEquals(0, auc.result(), EXACT);
    }

    @Test
    void mixedScoresGiveTheShareOfCorrectlyOrderedPairs() {
        // positives 0.9, 0.6, 0.3 and negatives 0.7, 0.2, 0.1: 3 + 2 + 2 of 9 pairs ordered right.
        Metric auc = Metrics.auc();
        auc.update(Tensor.vector(0.9f, 0.7f, 0.6f), Tensor.vector(1f, 0f, 1f));
        auc.update(Tensor.of(new float[] {0.3f, 0.2f, 0.1f}, 3, 1), Tensor.vector(1f, 0f, 0f));
        assertEquals(7 / 9.0, auc.result(), ESTIMATE);
    }

    @Test
    void tiedScoresInterpolateToTheDiagonal() {
        Metric auc = Metrics.auc();
        auc.update(Tensor.vector(0.5f, 0.5f, 0.5f, 0.5f), Tensor.vector(1f, 0f, 1f, 0f));
        assertEquals(0.5, auc.result(), EXACT);
    }

    @Test
    void matchesKerasDocumentedExampleWithThreeThresholds() {
        // keras.metrics.AUC(num_thresholds=3): thresholds [-1e-7, 0.5, 1+1e-7], result 0.75
        Metric auc = new Auc(3);
        auc.update(Tensor.vector(0f, 0.5f, 0.3f, 0.9f), Tensor.vector(0f, 0f, 1f, 1f));
        assertEquals(0.75, auc.result(), EXACT);
    }

    @Test
    void resetForgetsEverything() {
        Metric auc = Metrics.auc();
        auc.update(Tensor.vector(0.9f, 0.1f), Tensor.vector(0f, 1f));
        auc.reset();
        assertEquals(0, auc.result(), EXACT);
        auc.update(Tensor.vector(0.9f, 0.1f), Tensor.vector(1f, 0f));
        assertEquals(1, auc.result(), EXACT);
    }

    @Test
    void refusesScoresOutsideZeroToOne() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.auc().update(Tensor.vector(0.5f, 1.5f), Tensor.vector(1f, 0f)));
        assertEquals("auc: prediction 1.5 at position 1 is outside [0, 1]; AUC needs probabilities", e.getMessage());
    }
}
