package org.neurite.guide;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neurite.models.Sequential;
import org.neurite.nn.Input;
import org.neurite.nn.Parameter;
import org.neurite.nn.layers.LSTM;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;

/** The code of docs/guide/09-lstm.md. */
class LstmChapterTest {
    private static final float SAME = 1e-5f;

    @Test
    void parametersAreFourTimesASimpleRnns() {
        // tag::count[]
        int in = 64;
        int u = 64;
        Sequential model = Sequential.of(Input.of(-1, in), new LSTM(u));          // any length, 64 features
        long count = model.countParams();                                    // 4·(u·(in + u) + u) = 33,024
        Map<String, Parameter> w = model.parametersByPath();
        int[] kernel = w.get("lstm.kernel").value().shape();                 // (64, 256): W_i W_f W_c W_o
        int[] recurrent = w.get("lstm.recurrent_kernel").value().shape();    // (64, 256): U_i U_f U_c U_o
        int[] bias = w.get("lstm.bias").value().shape();                     // (256)
        // end::count[]
        assertEquals(4 * (u * (in + u) + u), count);
        assertEquals(33_024, count);
        assertArrayEquals(new int[] {in, 4 * u}, kernel);
        assertArrayEquals(new int[] {u, 4 * u}, recurrent);
        assertArrayEquals(new int[] {4 * u}, bias);
    }

    @Test
    void oneStepByHandIsTheLayer() {
        // tag::step[]
        int u = 3;
        Sequential model = Sequential.of(Input.of(1, 2), new LSTM(u)).seed(5);     // one step, 2 features
        Tensor x = Tensor.normal(new Rng(6), 0f, 1f, 1, 1, 2);
        Tensor h = model.predict(x, 1);                                      // (1, 3)

        Map<String, Parameter> w = model.parametersByPath();
        Tensor z = x.reshape(1, 2).matmul(w.get("lstm.kernel").value())       // x·W + h_0·U + b with h_0 = 0
                .add(w.get("lstm.bias").value());                            // (1, 4·u)
        Tensor[] g = z.split(1, u, u, u, u);                                 // gate order i, f, c, o
        Tensor i = g[0].sigmoid();
        Tensor f = g[1].sigmoid();
        Tensor c = f.mul(Tensor.zeros(1, u)).add(i.mul(g[2].tanh()));        // c_1 = f ⊙ c_0 + i ⊙ tanh(z_c)
        Tensor o = g[3].sigmoid();
        Tensor byHand = o.mul(c.tanh());                                     // h_1 = o ⊙ tanh(c_1)
        // end::step[]
        assertArrayEquals(h.toArray(), byHand.toArray(), SAME);
    }

    @Test
    void theForgetGateStartsOpen() {
        // tag::forget[]
        Sequential model = Sequential.of(Input.of(-1, 2), new LSTM(3));           // unit_forget_bias: true
        Tensor bias = model.parametersByPath().get("lstm.bias").value();    // b_i, b_f, b_c, b_o
        System.out.println(bias);                                            // [0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0]
        // end::forget[]
        assertArrayEquals(new float[] {0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0}, bias.toArray());
        LSTM options = options();
        assertEquals(0.2f, options.config().get("recurrent_dropout"));
    }

    private static LSTM options() {
        // tag::options[]
        return LSTM.builder().setUnits(64)
                .optReturnSequences(true)       // every h_t, for a stacked layer
                .optDropout(0.2f)               // one mask per sequence on the inputs x_t
                .optRecurrentDropout(0.2f)      // one mask per sequence on h_(t-1) in the products
                .optUnitForgetBias(true)        // b_f starts at 1 (the default)
                .build();
        // end::options[]
    }
}
