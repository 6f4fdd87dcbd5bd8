package org.neurite.guide;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neurite.autograd.Variable;
import org.neurite.models.Sequential;
import org.neurite.nn.Input;
import org.neurite.nn.Parameter;
import org.neurite.nn.layers.SimpleRNN;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;

/** The code of docs/guide/07-recurrent-networks-and-bptt.md. */
class RecurrentNetworksChapterTest {
    private static final float SAME = 1e-5f;

    @Test
    void theLayerIsTheUnrolledLoop() {
        // tag::unrolled[]
        SimpleRNN rnn = SimpleRNN.builder().setUnits(3).optReturnSequences(true).build();
        Sequential model = Sequential.of(Input.of(4, 2), rnn).seed(1);     // 4 steps of 2 features
        Tensor x = Tensor.normal(new Rng(7), 0f, 1f, 1, 4, 2);                // (batch 1, time 4, features 2)
        Tensor outputs = model.predict(x, 1);                                // (1, 4, 3): h_1 .. h_4

        Map<String, Parameter> w = model.parametersByPath();
        Tensor kernel = w.get("simple_rnn.kernel").value();                  // W (2, 3)
        Tensor recurrent = w.get("simple_rnn.recurrent_kernel").value();     // U (3, 3)
        Tensor bias = w.get("simple_rnn.bias").value();                      // b (3)
        Tensor h = Tensor.zeros(1, 3);                                       // h_0 = 0
        for (int t = 0; t < 4; t++) {
            Tensor xt = x.slice(1, t, t + 1).reshape(1, 2);                  // x_t (1, 2)
            h = xt.matmul(kernel).add(h.matmul(recurrent)).add(bias).tanh(); // h_t = tanh(x_t·W + h_{t-1}·U + b)
            System.out.println("h_" + (t + 1) + " = " + h);
        }
        // end::unrolled[]
        assertArrayEquals(outputs.slice(1, 3, 4).reshape(1, 3).toArray(), h.toArray(), SAME);
        assertEquals(2 * 3 + 3 * 3 + 3, model.countParams());
    }

    @Test
    void theLossOnTheLastStepReachesEveryInput() {
        // tag::bptt[]
        SimpleRNN rnn = new SimpleRNN(8);                                    // last output only
        Sequential model = Sequential.of(Input.of(20, 1), rnn).seed(2);
        Variable x = Variable.parameter(Tensor.normal(new Rng(3), 0f, 1f, 1, 20, 1));   // an input that wants ∂L/∂x
        Variable loss = model.network().call(x, true).sum();                          // L = Σ h_20
        loss.backward();                                                     // backpropagation through time
        Tensor dx = x.grad();                                                // (1, 20, 1): ∂L/∂x_t for every t
        // end::bptt[]
        for (int t = 0; t < 20; t++) {
            assertTrue(dx.get(0, t, 0) != 0f, "step " + t);
        }
    }

    @Test
    void truncatedBpttStopsTheGradientButNotTheForwardPass() {
        Tensor input = Tensor.normal(new Rng(3), 0f, 1f, 1, 20, 1);
        // tag::truncated[]
        SimpleRNN truncated = SimpleRNN.builder().setUnits(8).optTruncateBptt(5).build();
        Sequential model = Sequential.of(Input.of(20, 1), truncated).seed(2);
        Variable x = Variable.parameter(input);
        Variable h20 = model.network().call(x, true);                                  // the same h_20 as without truncation
        h20.sum().backward();
        Tensor dx = x.grad();                                                // zero for t < 15: only the last 5 steps
        // end::truncated[]
        Sequential full = Sequential.of(Input.of(20, 1), new SimpleRNN(8)).seed(2);
        assertArrayEquals(full.predict(input, 1).toArray(), h20.value().toArray(), SAME);
        for (int t = 0; t < 20; t++) {
            assertEquals(t < 15, dx.get(0, t, 0) == 0f, "step " + t);
        }
    }
}
