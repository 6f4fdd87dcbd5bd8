package org.neurite.autograd;

import java.util.Arrays;
import org.neurite.kernels.Gemm;
import org.neurite.kernels.Kernels;
import org.neurite.kernels.MathKernels;
import org.neurite.tensor.Tensor;

/**
 * Backpropagation through time for {@link Recurrence}: the reverse walk over the steps, then the
 * weight and input gradients as single GEMMs over all steps.
 *
 * <p>Per step (in reverse processing order) the output gradient joins the state gradient, masked
 * rows pass their state gradient straight through (a masked step is the identity on the state), and
 * the cell turns the state gradient of the computed rows into gate gradients {@code dZ_t} and the
 * previous state's gradient. With truncation {@code k}, the state gradient is zeroed where one
 * window of {@code k} steps hands its state to the next.
 */
final class RecurrenceBackward {
    private static final MathKernels K = Kernels.math();

    private RecurrenceBackward() {
    }

    static Tensor[] run(Recurrence.Cell cell, Recurrence.Work w, Recurrence.Inputs in, RecurrentOptions options,
                        Tensor gradient, Variable[] inputs) {
        int b = w.batch;
        int u = w.units;
        w.dz = Tensor.empty(w.time, b, w.ku);
        w.dzRec = cell.separateRecurrentGradient() ? Tensor.empty(w.time, b, w.ku) : null;
        w.packedRecurrentT = Gemm.pack(true, w.ku, u, w.recurrent, w.recurrentOffset, w.ku);
        int outSize = b * u * (options.returnSequences() ? w.time : 1);
        w.dh = seedState(w, gradient, options.returnState() ? outSize : -1);
        w.dc = cell.hasCellState() ? seedState(w, gradient, options.returnState() ? outSize + b * u : -1) : null;
        Tensor carry = Tensor.zeros(b, u);
        if (!options.returnSequences()) {
            scatterRows(gradient.data(), gradient.offset(), w, carry.data());
        }
        Tensor saved = Tensor.empty(2, b, u);
        // As forward: each thread takes its block of rows back through every step.
        Recurrence.forRowBlocks(w, (from, to) -> {
            for (int t = w.time - 1; t >= 0; t--) {
                if (options.truncateBptt() > 0 && t + 1 < w.time && (t + 1) % options.truncateBptt() == 0) {
                    Arrays.fill(w.dh.data(), from * u, to * u, 0f);
                    if (w.dc != null) {
                        Arrays.fill(w.dc.data(), from * u, to * u, 0f);
                    }
                }
                addOutputGradient(w, t, options, gradient, carry.data(), from, to);
                step(cell, w, t, saved.data(), from, to);
            }
        });
        return gradients(cell, w, in, inputs);
    }

    /** The gradient w.r.t. a final state, from the packed gradient at {@code offset}, or zeros. */
    private static Tensor seedState(Recurrence.Work w, Tensor gradient, int offset) {
        Tensor state = Tensor.zeros(w.batch, w.units);
        if (offset >= 0) {
            scatterRows(gradient.data(), gradient.offset() + offset, w, state.data());
        }
        return state;
    }

    /** Copies {@code (batch, units)} rows in original order into sorted order. */
    private static void scatterRows(float[] src, int offset, Recurrence.Work w, float[] dst) {
        for (int p = 0; p < w.batch; p++) {
            System.arraycopy(src, offset + w.order[p] * w.units, dst, p * w.units, w.units);
        }
    }

    /**
     * The output of step t is the new state where the row is computed, else the previous output
     * (or zeros): so its gradient goes to the state, or waits in {@code carry} for an earlier step.
     */
    private static void addOutputGradient(Recurrence.Work w, int t, RecurrentOptions options, Tensor gradient,
                                          float[] carry, int from, int to) {
        int u = w.units;
        float[] dh = w.dh.data();
        float[] g = gradient.data();
        for (int p = from; p < to; p++) {
            int row = p * u;
            if (options.returnSequences()) {
                int src = gradient.offset() + (w.order[p] * w.time + t) * u;
                for (int j = 0; j < u; j++) {
                    carry[row + j] += g[src + j];
                }
            }
            if (w.isActive(t, p)) {
                for (int j = 0; j < u; j++) {
                    dh[row + j] += carry[row + j];
                }
                Arrays.fill(carry, row, row + u, 0f);
            } else if (options.returnSequences() && options.zeroOutputForMask()) {
                Arrays.fill(carry, row, row + u, 0f);
            }
        }
    }

    /** One step back for rows {@code [from, to)}; masked rows inside the computed prefix are set aside so the cell sees zeros. */
    private static void step(Recurrence.Cell cell, Recurrence.Work w, int t, float[] saved, int from, int to) {
        int n = Math.max(from, Math.min(to, w.active[t]));
        int u = w.units;
        int bu = w.batch * u;
        float[] dh = w.dh.data();
        float[] dc = w.dc == null ? null : w.dc.data();
        for (int p = from; p < n; p++) {
            if (!w.isActive(t, p)) {
                System.arraycopy(dh, p * u, saved, p * u, u);
                Arrays.fill(dh, p * u, p * u + u, 0f);
                if (dc != null) {
                    System.arraycopy(dc, p * u, saved, bu + p * u, u);
                    Arrays.fill(dc, p * u, p * u + u, 0f);
                }
            }
        }
        if (n > from) {
            cell.backwardStep(w, t, from, n);
        }
        int idle = (t * w.batch + n) * w.ku;
        int end = (t * w.batch + to) * w.ku;
        Arrays.fill(w.dz.data(), idle, end, 0f);
        if (w.dzRec != null) {
            Arrays.fill(w.dzRec.data(), idle, end, 0f);
        }
        for (int p = from; p < n; p++) {
            if (!w.isActive(t, p)) {
                System.arraycopy(saved, p * u, dh, p * u, u);
                if (dc != null) {
                    System.arraycopy(saved, bu + p * u, dc, p * u, u);
                }
            }
        }
    }

    /** The gradients of every input, in the order the op recorded them. */
    private static Tensor[] gradients(Recurrence.Cell cell, Recurrence.Work w, Recurrence.Inputs in, Variable[] inputs) {
        Tensor[] grads = new Tensor[inputs.length];
        int i = 0;
        grads[i++] = in.x().requiresGrad() ? inputGradient(w, in.x()) : null;
        grads[i++] = in.kernel().requiresGrad() ? kernelGradient(w) : null;
        grads[i++] = in.recurrentKernel().requiresGrad() ? recurrentGradient(cell, w) : null;
        if (in.bias() != null) {
            grads[i++] = in.bias().requiresGrad() ? biasGradient(w, in.bias()) : null;
        }
        if (in.h0() != null) {
            grads[i++] = unsort(w, w.dh);
        }
        if (in.c0() != null) {
            grads[i] = unsort(w, w.dc);
        }
        return grads;
    }

    /** {@code dX = dZ·Wᵀ} over all steps in one GEMM, then back to {@code (batch, time, in)}. */
    private static Tensor inputGradient(Recurrence.Work w, Variable x) {
        Tensor dxTime = Tensor.empty(w.time * w.batch, w.in);
        Gemm.sgemm(false, true, w.time * w.batch, w.in, w.ku, w.dz.data(), 0, w.ku, w.kernel, w.kernelOffset,
                w.ku, 0f, dxTime.data(), 0, w.in);
        Tensor dx = Tensor.empty(x.shape());
        for (int t = 0; t < w.time; t++) {
            for (int p = 0; p < w.batch; p++) {
                System.arraycopy(dxTime.data(), (t * w.batch + p) * w.in, dx.data(),
                        (w.order[p] * w.time + w.sourceStep(t)) * w.in, w.in);
            }
        }
        return dx;
    }

    /** {@code dW = Xᵀ·dZ} over all steps in one GEMM. */
    private static Tensor kernelGradient(Recurrence.Work w) {
        Tensor dw = Tensor.empty(w.in, w.ku);
        Gemm.sgemm(true, false, w.in, w.ku, w.time * w.batch, w.x.data(), 0, w.in, w.dz.data(), 0, w.ku, 0f,
                dw.data(), 0, w.ku);
        return dw;
    }

    private static Tensor recurrentGradient(Recurrence.Cell cell, Recurrence.Work w) {
        Tensor du = Tensor.empty(w.units, w.ku);
        cell.recurrentKernelGradient(w, du.data());
        return du;
    }

    private static Tensor biasGradient(Recurrence.Work w, Variable bias) {
        Tensor db = Tensor.zeros(bias.shape());
        columnSums(w.dz, w, db.data(), 0);
        if (w.dzRec != null) {
            columnSums(w.dzRec, w, db.data(), w.ku);
        }
        return db;
    }

    private static void columnSums(Tensor dz, Recurrence.Work w, float[] out, int offset) {
        float[] d = dz.data();
        for (int r = 0; r < w.time * w.batch; r++) {
            K.add(out, offset, d, r * w.ku, out, offset, w.ku);
        }
    }

    private static Tensor unsort(Recurrence.Work w, Tensor sorted) {
        Tensor out = Tensor.empty(w.batch, w.units);
        for (int p = 0; p < w.batch; p++) {
            System.arraycopy(sorted.data(), p * w.units, out.data(), w.order[p] * w.units, w.units);
        }
        return out;
    }
}
