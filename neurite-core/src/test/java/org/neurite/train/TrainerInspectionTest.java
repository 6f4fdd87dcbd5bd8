package org.neurite.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neurite.autograd.GradientCheck;
import org.neurite.nn.Activation;
import org.neurite.nn.Input;
import org.neurite.nn.Regularizer;
import org.neurite.nn.SequentialNetwork;
import org.neurite.nn.layers.Dense;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.testing.Tolerances;

/** What a compiled model tells about itself: its confusion matrix and its gradient check. */
class TrainerInspectionTest {
    /** Three classes, each the argmax of the input: an identity model classifies them perfectly. */
    private static final Tensor X = Tensor.matrix(new float[][] {{5, 0, 0}, {0, 5, 0}, {0, 0, 5}, {0, 5, 0}, {5, 0, 0}});

    private static Trainer identity() {
        Dense dense = Dense.builder().setUnits(3).optActivation(Activation.SOFTMAX).optUseBias(false).build();
        SequentialNetwork model = SequentialNetwork.of(Input.of(3), dense).seed(1);
        model.setWeights(java.util.List.of(Tensor.matrix(new float[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}})));
        return Trainer.compile(model, new SGD(0.1f), Losses.sparseCategoricalCrossentropy(), Metrics.accuracy());
    }

    @Test
    void confusionMatrixCountsTrueAgainstPredictedClasses() {
        Tensor y = Tensor.vector(0, 1, 2, 2, 0);   // the fourth sample (predicted 1) is labelled 2

        ConfusionMatrix cm = identity().confusionMatrix(X, y, 2);

        assertEquals(3, cm.classes());
        assertEquals(5, cm.total());
        assertEquals(2, cm.count(0, 0));
        assertEquals(1, cm.count(2, 1));
        assertEquals(1, cm.count(2, 2));
        assertEquals(identity().evaluate(X, y, 2).get("accuracy"), cm.accuracy(), Tolerances.ROUNDING);
    }

    @Test
    void confusionMatrixOfOneScorePerSampleIsBinary() {
        SequentialNetwork model = SequentialNetwork.of(Input.of(3), new Dense(1, Activation.SIGMOID)).seed(2);
        Trainer trainer = Trainer.compile(model, new SGD(0.1f), Losses.binaryCrossentropy());

        ConfusionMatrix cm = trainer.confusionMatrix(X, Tensor.of(new float[] {0, 1, 1, 0, 1}, 5, 1), 4);

        assertEquals(2, cm.classes());
        assertEquals(5, cm.total());
    }

    @Test
    void checkGradientsCoversTheLossAndThePenalties() {
        Dense hidden = Dense.builder().setUnits(4).optActivation(Activation.TANH)
                .optKernelRegularizer(new Regularizer(0f, 0.1f)).build();
        SequentialNetwork model = SequentialNetwork.of(Input.of(3), hidden, new Dense(2, Activation.SOFTMAX)).seed(3);
        Trainer trainer = Trainer.compile(model, new Adam(1e-3f), Losses.sparseCategoricalCrossentropy());
        Tensor x = Tensor.normal(new Rng(4), 0, 1, 6, 3);

        GradientCheck.Result result = trainer.checkGradients(x, Tensor.vector(0, 1, 1, 0, 1, 0));

        assertTrue(result.passed(Tolerances.GRADIENT_CHECK), result::toString);
        assertFalse(result.where().startsWith("input"), "weights only: " + result);
    }
}
