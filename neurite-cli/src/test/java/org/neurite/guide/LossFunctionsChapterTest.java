package org.neurite.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.neurite.autograd.Variable;
import org.neurite.tensor.Tensor;
import org.neurite.train.Losses;

/**
 * The code of docs/guide/04-loss-functions.md: each loss on a tiny example whose value the chapter
 * works out by hand, to the four decimals it shows.
 */
class LossFunctionsChapterTest {
    /** The chapter rounds its hand-computed values to four decimals. */
    private static final double FOUR_DECIMALS = 5e-5;

    @Test
    void regressionLosses() {
        // tag::regression[]
        Tensor targets = Tensor.of(new float[] {1f, 2f, 3f}, 3, 1);                 // (batch, 1)
        Variable predictions = Variable.constant(Tensor.of(new float[] {1.5f, 2f, 5f}, 3, 1));

        float mse = Losses.meanSquaredError().compute(predictions, targets).value().item();    // 1.4167
        float mae = Losses.meanAbsoluteError().compute(predictions, targets).value().item();   // 0.8333
        float huber = Losses.huber(1f).compute(predictions, targets).value().item();           // 0.5417
        // end::regression[]
        assertEquals(1.4167, mse, FOUR_DECIMALS);
        assertEquals(0.8333, mae, FOUR_DECIMALS);
        assertEquals(0.5417, huber, FOUR_DECIMALS);
    }

    @Test
    void binaryCrossEntropy() {
        // tag::binary[]
        Tensor labels = Tensor.of(new float[] {1f, 0f}, 2, 1);                      // (batch, 1)
        Variable probabilities = Variable.constant(Tensor.of(new float[] {0.9f, 0.2f}, 2, 1));
        Variable logits = Variable.constant(Tensor.of(new float[] {2f, -1f}, 2, 1));

        float fromProbabilities = Losses.binaryCrossentropy().compute(probabilities, labels).value().item();  // 0.1643
        float fromLogits = Losses.binaryCrossentropy(true).compute(logits, labels).value().item();            // 0.2201
        // end::binary[]
        assertEquals(0.1643, fromProbabilities, FOUR_DECIMALS);
        assertEquals(0.2201, fromLogits, FOUR_DECIMALS);
    }

    @Test
    void categoricalCrossEntropy() {
        // tag::categorical[]
        Variable probabilities = Variable.constant(Tensor.matrix(new float[][] {
                {0.7f, 0.2f, 0.1f},
                {0.1f, 0.3f, 0.6f}}));                                               // (batch, classes) = (2, 3)
        Tensor oneHot = Tensor.matrix(new float[][] {{1, 0, 0}, {0, 0, 1}});        // classes 0 and 2
        Tensor classIndices = Tensor.vector(0f, 2f);                                // the same, as indices

        float categorical = Losses.categoricalCrossentropy().compute(probabilities, oneHot).value().item();
        float sparse = Losses.sparseCategoricalCrossentropy().compute(probabilities, classIndices).value().item();
        // both 0.4338

        Variable logits = Variable.constant(Tensor.matrix(new float[][] {{2f, 1f, 0f}}));     // (1, 3)
        float fromLogits = Losses.categoricalCrossentropy(true)
                .compute(logits, Tensor.matrix(new float[][] {{1, 0, 0}})).value().item();   // 0.4076
        // end::categorical[]
        assertEquals(0.4338, categorical, FOUR_DECIMALS);
        assertEquals(0.4338, sparse, FOUR_DECIMALS);
        assertEquals(0.4076, fromLogits, FOUR_DECIMALS);
    }
}
