package org.neurite.autograd;

import java.util.Arrays;
import java.util.Collections;
import org.neurite.kernels.Gemm;
import org.neurite.kernels.Kernels;
import org.neurite.kernels.MathKernels;
import org.neurite.tensor.Tensor;

/**
 * A whole GRU layer as one recorded operation, with Keras' gate order z, r, h.
 *
 * <p>{@code reset_after = true} (Keras' default, and PyTorch's GRU), bias {@code (2, 3·units)}: an
 * input row {@code b} and a recurrent row {@code b'}:
 * <pre>
 *   x_z, x_r, x_h = x_t·W + b            s_z, s_r, s_h = h_{t-1}·U + b'
 *   z = σ(x_z + s_z)   r = σ(x_r + s_r)   ĥ = tanh(x_h + r ⊙ s_h)
 *   h_t = z ⊙ h_{t-1} + (1 - z) ⊙ ĥ
 * </pre>
 * {@code reset_after = false}, bias {@code (3·units)}: {@code ĥ = tanh(x_h + (r ⊙ h_{t-1})·U_h)},
 * with z and r as above without {@code b'}.
 *
 * <p>Backward: {@code dĥ' = dh ⊙ (1-z) ⊙ (1-ĥ²)}, {@code dz' = dh ⊙ (h_{t-1} - ĥ) ⊙ z(1-z)},
 * {@code dr' = q ⊙ r(1-r)} with {@code q = dĥ' ⊙ s_h} (reset after) or
 * {@code q = (dĥ'·U_hᵀ) ⊙ h_{t-1}} (reset before), and {@code dh_{t-1} = dh ⊙ z + dZ_rec·Uᵀ}, where the
 * recurrent projection's gradient {@code dZ_rec} carries {@code dĥ' ⊙ r} in its h block when the reset
 * comes after.
 *
 * <p>Shapes: x {@code (batch, time, in)}, W {@code (in, 3·units)}, U {@code (units, 3·units)},
 * h0 {@code (batch, units)} or null.
 */
public final class GruOps {
    private static final MathKernels K = Kernels.math();

    private GruOps() {
    }

    /** Runs the layer; {@code mask} {@code (batch, time)} marks real steps (null: all real). */
    public static RecurrentOutput gru(Variable x, Variable kernel, Variable recurrentKernel, Variable bias,
                                      Variable h0, Tensor mask, boolean resetAfter, RecurrentOptions options) {
        FusedCell cell = resetAfter ? new ResetAfter() : new ResetBefore();
        return Recurrence.run(cell,
                new Recurrence.Inputs(x, kernel, recurrentKernel, bias, Collections.singletonList(h0), mask), options);
    }

    /** {@link #gru} on inputs given as rows of an embedding table, without a tape (see {@link TokenInputs}). */
    public static RecurrentOutput gru(TokenInputs tokens, Variable kernel, Variable recurrentKernel, Variable bias,
                                      Variable h0, Tensor mask, boolean resetAfter, RecurrentOptions options) {
        FusedCell cell = resetAfter ? new ResetAfter() : new ResetBefore();
        return Recurrence.run(cell,
                Recurrence.Inputs.ofTokens(tokens, kernel, recurrentKernel, bias, Collections.singletonList(h0), mask),
                options);
    }

    /** What both variants share: the state h alone, and the buffers below. */
    private abstract static class Base implements FusedCell {
        /**
         * Per step {@code (time, batch, units)}: {@code s_h = h_{t-1}·U_h + b'_h} (reset after) or
         * {@code r ⊙ h_{t-1}} (reset before), which backward needs again.
         */
        Tensor aux;
        /**
         * Per row {@code (batch, 3·units)}: the recurrent projection (reset after), or
         * {@code dĥ'·U_hᵀ} in backward (reset before).
         */
        Tensor scratch;

        @Override
        public String name() {
            return "gru";
        }

        @Override
        public int gates() {
            return 3;
        }

        @Override
        public int stateCount() {
            return 1;
        }

        @Override
        public void beginForward(RecurrentWork w) {
            // Zeroed: reset-before reads rows of uncomputed steps in its dU GEMM (against zero gradients).
            aux = Tensor.zeros(w.time, w.batch, w.units);
            scratch = Tensor.empty(w.batch, w.ku);
        }

        /** {@code h_t = z ⊙ h_{t-1} + (1 - z) ⊙ ĥ} for row p, gates already activated. */
        static void mixState(RecurrentWork w, int t, int p) {
            int u = w.units;
            float[] g = w.g.data();
            float[] h = w.h().data();
            int z = w.gateRow(t, p) * w.ku;
            int hp = (t * w.batch + p) * u;
            int hn = hp + w.batch * u;
            for (int j = 0; j < u; j++) {
                float gate = g[z + j];
                h[hn + j] = gate * h[hp + j] + (1f - gate) * g[z + 2 * u + j];
            }
        }
    }

    /** Reset after the recurrent product, with the recurrent bias row b'. */
    private static final class ResetAfter extends Base {
        /** {@code dZ_rec}: the recurrent projection's gradient, whose h block is {@code dĥ' ⊙ r}. */
        private Tensor dzRec;

        @Override
        public int biasRows() {
            return 2;
        }

        @Override
        public void forwardStep(RecurrentWork w, int t, int from, int to) {
            int u = w.units;
            int ku = w.ku;
            float[] g = w.g.data();
            float[] s = scratch.data();
            float[] aux = this.aux.data();
            for (int p = from; p < to; p++) {
                if (w.bias == null) {
                    Arrays.fill(s, p * ku, (p + 1) * ku, 0f);
                } else {
                    System.arraycopy(w.bias.data(), w.bias.offset() + ku, s, p * ku, ku);
                }
            }
            // s = h_{t-1}·U + b'   (n, 3u), U packed once per call
            Gemm.sgemmColumns(false, to - from, 0, ku, w.h().data(), (t * w.batch + from) * u, u, w.packedRecurrent,
                    1f, s, from * ku, ku);
            for (int p = from; p < to; p++) {
                int z = w.gateRow(t, p) * ku;
                int sr = p * ku;
                K.add(g, z, s, sr, g, z, 2 * u);
                K.sigmoid(g, z, g, z, 2 * u);
                int a = (t * w.batch + p) * u;
                System.arraycopy(s, sr + 2 * u, aux, a, u);
                for (int j = 0; j < u; j++) {
                    g[z + 2 * u + j] += g[z + u + j] * s[sr + 2 * u + j];
                }
                K.tanh(g, z + 2 * u, g, z + 2 * u, u);
                mixState(w, t, p);
            }
        }

        @Override
        public void beginBackward(RecurrentWork w) {
            dzRec = Tensor.empty(w.time, w.batch, w.ku);
        }

        @Override
        public Tensor recurrentProjectionGradient(RecurrentWork w) {
            return dzRec;
        }

        @Override
        public void backwardStep(RecurrentWork w, int t, int from, int to) {
            int u = w.units;
            int ku = w.ku;
            float[] g = w.g.data();
            float[] h = w.h().data();
            float[] aux = this.aux.data();
            float[] dz = w.dz.data();
            float[] dzRec = this.dzRec.data();
            float[] dh = w.dh().data();
            for (int p = from; p < to; p++) {
                int z = (t * w.batch + p) * ku;
                int hp = (t * w.batch + p) * u;
                int s = p * u;
                for (int j = 0; j < u; j++) {
                    float zg = g[z + j];
                    float r = g[z + u + j];
                    float hh = g[z + 2 * u + j];
                    float d = dh[s + j];
                    float dhh = d * (1f - zg) * (1f - hh * hh);
                    float dzg = d * (h[hp + j] - hh) * zg * (1f - zg);
                    float dr = dhh * aux[hp + j] * r * (1f - r);
                    dz[z + j] = dzg;
                    dz[z + u + j] = dr;
                    dz[z + 2 * u + j] = dhh;
                    dzRec[z + j] = dzg;
                    dzRec[z + u + j] = dr;
                    dzRec[z + 2 * u + j] = dhh * r;
                    dh[s + j] = d * zg;
                }
            }
            // the gate gradients as they enter the step's product and, later, the weight gradients'
            K.flushTiny(dz, (t * w.batch + from) * ku, (to - from) * ku);
            K.flushTiny(dzRec, (t * w.batch + from) * ku, (to - from) * ku);
            Gemm.sgemmColumns(false, to - from, 0, u, dzRec, (t * w.batch + from) * ku, ku, w.packedRecurrentT, 1f,
                    dh, from * u, u);
        }
    }

    /** Reset before the recurrent product: {@code (r ⊙ h_{t-1})·U_h}, one bias row. */
    private static final class ResetBefore extends Base {
        @Override
        public void forwardStep(RecurrentWork w, int t, int from, int to) {
            int u = w.units;
            int ku = w.ku;
            int n = to - from;
            float[] g = w.g.data();
            float[] h = w.h().data();
            float[] aux = this.aux.data();
            int gates = w.gateRow(t, from) * ku;
            int prev = (t * w.batch + from) * u;
            // z and r blocks: += h_{t-1}·U[:, 0:2u]
            Gemm.sgemmColumns(false, n, 0, 2 * u, h, prev, u, w.packedRecurrent, 1f, g, gates, ku);
            for (int p = 0; p < n; p++) {
                int z = gates + p * ku;
                K.sigmoid(g, z, g, z, 2 * u);
                K.mul(g, z + u, h, prev + p * u, aux, prev + p * u, u);
            }
            // h block: += (r ⊙ h_{t-1})·U[:, 2u:3u]
            Gemm.sgemmColumns(false, n, 2 * u, 3 * u, aux, prev, u, w.packedRecurrent, 1f, g, gates, ku);
            for (int p = 0; p < n; p++) {
                int z = gates + p * ku;
                K.tanh(g, z + 2 * u, g, z + 2 * u, u);
                mixState(w, t, from + p);
            }
        }

        @Override
        public void backwardStep(RecurrentWork w, int t, int from, int to) {
            int u = w.units;
            int ku = w.ku;
            int n = to - from;
            float[] g = w.g.data();
            float[] h = w.h().data();
            float[] dz = w.dz.data();
            float[] dh = w.dh().data();
            float[] q = scratch.data();
            int gates = (t * w.batch + from) * ku;
            int prev = (t * w.batch + from) * u;
            for (int p = 0; p < n; p++) {
                int z = gates + p * ku;
                int hp = prev + p * u;
                int s = (from + p) * u;
                for (int j = 0; j < u; j++) {
                    float zg = g[z + j];
                    float hh = g[z + 2 * u + j];
                    float d = dh[s + j];
                    dz[z + 2 * u + j] = d * (1f - zg) * (1f - hh * hh);
                    dz[z + j] = d * (h[hp + j] - hh) * zg * (1f - zg);
                    dh[s + j] = d * zg;
                }
            }
            K.flushTiny(dz, gates, n * ku);
            // q = dĥ'·U_hᵀ   (n, u); inside the time loop's region this runs on the calling thread
            Gemm.sgemm(false, true, n, u, u, dz, gates + 2 * u, ku, w.recurrent.data(), w.recurrent.offset() + 2 * u,
                    ku, 0f, q, from * u, u);
            for (int p = 0; p < n; p++) {
                int z = gates + p * ku;
                int hp = prev + p * u;
                int s = (from + p) * u;
                for (int j = 0; j < u; j++) {
                    float r = g[z + u + j];
                    dh[s + j] += q[s + j] * r;
                    dz[z + u + j] = q[s + j] * h[hp + j] * r * (1f - r);
                }
            }
            K.flushTiny(dz, gates, n * ku);
            Gemm.sgemm(false, true, n, u, 2 * u, dz, gates, ku, w.recurrent.data(), w.recurrent.offset(), ku, 1f, dh,
                    from * u, u);
        }

        /** The h block of U sees {@code r ⊙ h_{t-1}}, the z and r blocks see {@code h_{t-1}}. */
        @Override
        public void recurrentKernelGradient(RecurrentWork w, float[] dU) {
            int u = w.units;
            int rows = w.time * w.batch;
            Gemm.sgemm(true, false, u, 2 * u, rows, w.h().data(), 0, u, w.dz.data(), 0, w.ku, 0f, dU, 0, w.ku);
            Gemm.sgemm(true, false, u, u, rows, aux.data(), 0, u, w.dz.data(), 2 * u, w.ku, 0f, dU, 2 * u, w.ku);
        }
    }
}
