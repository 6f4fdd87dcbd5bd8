package org.neurite.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurite.nn.layers.Dense;
import org.neurite.tensor.Tensor;

/** Keras' get_weights / set_weights, and the seed of a SequentialNetwork. */
class WeightsTest {
    private static SequentialNetwork mlp(long seed) {
        return SequentialNetwork.of(Input.of(3), new Dense(4, Activation.RELU), new Dense(2)).seed(seed);
    }

    @Test
    void getWeightsCopiesInParameterOrder() {
        SequentialNetwork model = mlp(1);
        List<Tensor> weights = model.getWeights();

        assertEquals(4, weights.size());
        for (int i = 0; i < weights.size(); i++) {
            assertArrayEquals(model.parameters().get(i).value().toArray(), weights.get(i).toArray());
        }
        weights.get(0).fill(7f);
        assertNotEquals(7f, model.parameters().get(0).value().toArray()[0], "a copy, not the weight itself");
    }

    @Test
    void setWeightsMakesTwoModelsPredictAlike() {
        SequentialNetwork a = mlp(1);
        SequentialNetwork b = mlp(2);
        Tensor x = Tensor.arange(0, 6, 1).reshape(2, 3);

        b.setWeights(a.getWeights());

        assertArrayEquals(a.predict(x, 2).toArray(), b.predict(x, 2).toArray());
    }

    @Test
    void setWeightsRefusesWrongCountsAndShapesWithoutChangingAnything() {
        SequentialNetwork model = mlp(1);
        List<Tensor> before = model.getWeights();
        List<Tensor> wrongShape = new ArrayList<>(before);
        wrongShape.set(2, Tensor.zeros(2, 4));

        var e = assertThrows(IllegalArgumentException.class, () -> model.setWeights(before.subList(0, 3)));
        assertEquals("layer 'sequential' (Sequential): setWeights expects 4 tensors (one per weight, in parameters()"
                + " order), got 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> model.setWeights(wrongShape));
        assertEquals("layer 'sequential' (Sequential): setWeights: weight 2 'dense_1.kernel' has shape [4, 2], got [2, 4]",
                e.getMessage());
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(before.get(i).toArray(), model.getWeights().get(i).toArray());
        }
    }

    @Test
    void seedKeepsTheSequentialType() {
        SequentialNetwork model = SequentialNetwork.of(Input.of(2), new Dense(1)).seed(42);
        assertEquals(42, model.seed());
        assertEquals(List.of("dense"), model.outputNames());
    }
}
