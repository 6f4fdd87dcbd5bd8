package org.neurite.autograd;

import java.util.Arrays;
import org.neurite.kernels.Gemm;
import org.neurite.kernels.Kernels;
import org.neurite.kernels.MathKernels;
import org.neurite.tensor.Tensor;

/**
 * A whole LSTM layer as one recorded operation, with Keras' gate order i, f, c, o:
 * <pre>
 *   z_t = x_t·W + h_{t-1}·U + b                      (batch, 4·units), split into i, f, c, o
 *   i = σ(z_i)   f = σ(z_f)   g = tanh(z_c)   o = σ(z_o)
 *   c_t = f ⊙ c_{t-1} + i ⊙ g
 *   h_t = o ⊙ tanh(c_t)
 * </pre>
 * Backward, with {@code dh}, {@code dc} the gradients w.r.t. {@code h_t}, {@code c_t}:
 * <pre>
 *   dc' = dc + dh ⊙ o ⊙ (1 - tanh²(c_t))
 *   dz_i = dc' ⊙ g ⊙ i(1-i)    dz_f = dc' ⊙ c_{t-1} ⊙ f(1-f)
 *   dz_c = dc' ⊙ i ⊙ (1-g²)    dz_o = dh ⊙ tanh(c_t) ⊙ o(1-o)
 *   dc_{t-1} = dc' ⊙ f         dh_{t-1} = dz·Uᵀ
 * </pre>
 * Shapes: x {@code (batch, time, in)}, W {@code (in, 4·units)}, U {@code (units, 4·units)},
 * b {@code (4·units)} or null, initial states {@code (batch, units)} or null (zeros). The time loop,
 * masking and the weight gradients are the driver's ({@link Recurrence}); the activations are fixed to Keras'
 * defaults (tanh and sigmoid).
 */
public final class LstmOps {
    private static final MathKernels K = Kernels.math();

    private LstmOps() {
    }

    /**
     * Runs the layer. {@code mask} {@code (batch, time)} marks real steps (null: all real);
     * {@code h0}, {@code c0} may be null for zero initial states.
     */
    public static RecurrentOutput lstm(Variable x, Variable kernel, Variable recurrentKernel, Variable bias,
                                       Variable h0, Variable c0, Tensor mask, RecurrentOptions options) {
        return Recurrence.run(new Cell(),
                new Recurrence.Inputs(x, kernel, recurrentKernel, bias, Arrays.asList(h0, c0), mask), options);
    }

    /**
     * {@link #lstm} on inputs given as rows of an embedding table, without a tape: the table is
     * projected once instead of every step's inputs (see {@link TokenInputs}); the same outputs.
     */
    public static RecurrentOutput lstm(TokenInputs tokens, Variable kernel, Variable recurrentKernel, Variable bias,
                                       Variable h0, Variable c0, Tensor mask, RecurrentOptions options) {
        return Recurrence.run(new Cell(),
                Recurrence.Inputs.ofTokens(tokens, kernel, recurrentKernel, bias, Arrays.asList(h0, c0), mask), options);
    }

    /** The LSTM step; states h, c. */
    private static final class Cell implements FusedCell {
        /** tanh(c_t) in backward, one row per batch row (threads work on disjoint rows). */
        private Tensor tanhC;

        @Override
        public String name() {
            return "lstm";
        }

        @Override
        public int gates() {
            return 4;
        }

        @Override
        public int stateCount() {
            return 2;
        }

        @Override
        public void forwardStep(RecurrentWork w, int t, int from, int to) {
            int u = w.units;
            int ku = w.ku;
            int n = to - from;
            float[] g = w.g.data();
            float[] h = w.h().data();
            float[] c = w.states[1].data();
            int gates = w.gateRow(t, from) * ku;
            int prev = (t * w.batch + from) * u;
            int next = prev + w.batch * u;
            // z += h_{t-1}·U   (n, u)·(u, 4u), U packed once per call
            Gemm.sgemmColumns(false, n, 0, ku, h, prev, u, w.packedRecurrent, 1f, g, gates, ku);
            for (int p = 0; p < n; p++) {
                int z = gates + p * ku;
                K.sigmoid(g, z, g, z, 2 * u);
                K.tanh(g, z + 2 * u, g, z + 2 * u, u);
                K.sigmoid(g, z + 3 * u, g, z + 3 * u, u);
                int cp = prev + p * u;
                int cn = next + p * u;
                for (int j = 0; j < u; j++) {
                    c[cn + j] = g[z + u + j] * c[cp + j] + g[z + j] * g[z + 2 * u + j];
                }
                K.tanh(c, cn, h, cn, u);
                K.mul(h, cn, g, z + 3 * u, h, cn, u);
            }
        }

        @Override
        public void beginBackward(RecurrentWork w) {
            tanhC = Tensor.empty(w.batch, w.units);
        }

        @Override
        public void backwardStep(RecurrentWork w, int t, int from, int to) {
            int u = w.units;
            int ku = w.ku;
            int n = to - from;
            float[] g = w.g.data();
            float[] c = w.states[1].data();
            float[] dz = w.dz.data();
            float[] dh = w.dh().data();
            float[] dc = w.dStates[1].data();
            int gates = (t * w.batch + from) * ku;
            int prev = (t * w.batch + from) * u;
            int next = prev + w.batch * u;
            float[] tc = tanhC.data();
            for (int p = 0; p < n; p++) {
                int s = (from + p) * u;
                K.tanh(c, next + p * u, tc, s, u);
                K.lstmCellBackward(g, dz, gates + p * ku, c, prev + p * u, tc, dh, dc, s, u);
            }
            K.flushTiny(dz, gates, n * ku);
            // dh_{t-1} = dz·Uᵀ  (n, 4u)·(4u, u)
            Gemm.sgemmColumns(false, n, 0, u, dz, gates, ku, w.packedRecurrentT, 0f, dh, from * u, u);
        }
    }
}
