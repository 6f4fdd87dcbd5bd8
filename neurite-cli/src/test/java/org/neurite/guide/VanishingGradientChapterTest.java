package org.neurite.guide;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neurite.cli.recipes.AddingProblem;
import org.neurite.cli.recipes.HiddenStateGradients;
import org.neurite.models.Sequential;
import org.neurite.nn.Input;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.SimpleRNN;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.train.Losses;

/**
 * The code of docs/guide/08-vanishing-gradient.md: the gradient norm against the timestep for a
 * plain RNN at initialisation, and after its recurrent kernel is halved. The trained networks'
 * curves come from {@code neurite train adding-problem}, whose runs take minutes.
 */
class VanishingGradientChapterTest {
    @Test
    void halvingTheRecurrentKernelMakesTheGradientVanish() {
        // tag::measure[]
        int length = 50;
        Tensor[] batch = AddingProblem.sequences(new Rng(5), 64, length);   // x (64, 50, 2), y (64, 1)
        SimpleRNN rnn = SimpleRNN.builder().setUnits(32).optReturnState(true).build();
        Dense head = new Dense(1);
        Sequential model = Sequential.of(Input.of(length, 2), rnn, head).seed(4);
        model.build();

        double[] atInit = HiddenStateGradients.norms(rnn, head, Losses.meanSquaredError(), batch[0], batch[1]);
        rnn.parameters().get(1).value().mulInPlace(0.5f);                  // U ← U/2
        double[] halved = HiddenStateGradients.norms(rnn, head, Losses.meanSquaredError(), batch[0], batch[1]);

        System.out.printf("||dL/dh_0|| / ||dL/dh_49||: %.1e at initialisation, %.1e with U/2%n",
                atInit[0] / atInit[length - 1], halved[0] / halved[length - 1]);
        // end::measure[]
        assertTrue(atInit[0] / atInit[length - 1] > 1e-3, "orthogonal U keeps the gradient within 3 orders");
        assertTrue(halved[0] / halved[length - 1] < Math.pow(0.5, length - 1) * 1e3, "each step at most halves it");
    }
}
