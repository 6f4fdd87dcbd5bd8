package org.neurite.guide;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neurite.autograd.Variable;
import org.neurite.models.Sequential;
import org.neurite.nn.Input;
import org.neurite.nn.Parameter;
import org.neurite.nn.layers.GRU;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;

/** The code of docs/guide/10-gru.md. */
class GruChapterTest {
    private static final float SAME = 1e-5f;

    @Test
    void parametersAreThreeGatesWithTwoBiasRows() {
        // tag::count[]
        int in = 64;
        int u = 64;
        Sequential resetAfter = Sequential.of(Input.of(-1, in), new GRU(u));      // Keras' default
        Sequential resetBefore = Sequential.of(Input.of(-1, in),
                GRU.builder().setUnits(u).optResetAfter(false).build());
        long after = resetAfter.countParams();                               // 3·(u·(in + u) + 2u) = 24,960
        long before = resetBefore.countParams();                             // 3·(u·(in + u) + u)  = 24,768
        int[] bias = resetAfter.parametersByPath().get("gru.bias").value().shape();   // (2, 192): input, recurrent
        // end::count[]
        assertEquals(3 * (u * (in + u) + 2 * u), after);
        assertEquals(24_960, after);
        assertEquals(3 * (u * (in + u) + u), before);
        assertArrayEquals(new int[] {2, 3 * u}, bias);
    }

    @Test
    void oneStepByHandIsTheLayer() {
        int u = 3;
        GRU gru = GRU.builder().setUnits(u).optReturnState(true).build();
        Sequential model = Sequential.of(Input.of(1, 2), gru).seed(8);
        Map<String, Parameter> w = model.parametersByPath();
        w.get("gru.bias").value().copyFrom(Tensor.normal(new Rng(9), 0f, 1f, 2, 3 * u));
        // tag::step[]
        Tensor x = Tensor.normal(new Rng(10), 0f, 1f, 1, 1, 2);              // one step
        Tensor h0 = Tensor.normal(new Rng(11), 0f, 1f, 1, u);                // a given previous state
        Tensor h1 = gru.callWithState(Variable.constant(x), false, List.of(Variable.constant(h0)))
                .output().value();

        Tensor[] b = w.get("gru.bias").value().split(0, 1, 1);               // input row b, recurrent row b'
        Tensor[] xw = x.reshape(1, 2).matmul(w.get("gru.kernel").value()).add(b[0]).split(1, u, u, u);
        Tensor[] hu = h0.matmul(w.get("gru.recurrent_kernel").value()).add(b[1]).split(1, u, u, u);
        Tensor z = xw[0].add(hu[0]).sigmoid();                               // update gate
        Tensor r = xw[1].add(hu[1]).sigmoid();                               // reset gate
        Tensor candidate = xw[2].add(r.mul(hu[2])).tanh();                   // ĥ = tanh(x·W_h + b_h + r ⊙ (h·U_h + b'_h))
        Tensor byHand = z.mul(h0).add(z.neg().add(1f).mul(candidate));       // h_1 = z ⊙ h_0 + (1 − z) ⊙ ĥ
        // end::step[]
        assertArrayEquals(h1.toArray(), byHand.reshape(1, u).toArray(), SAME);
    }
}
