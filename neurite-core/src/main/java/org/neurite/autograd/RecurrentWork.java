package org.neurite.autograd;

import org.neurite.kernels.Gemm;
import org.neurite.tensor.Tensor;

/**
 * What {@link Recurrence} shares with a {@link FusedCell} during one call: the shapes, the weights,
 * the row plan and the buffers every cell has. Nothing here belongs to one cell: a cell keeps its
 * own buffers in its own fields.
 *
 * <p>Buffers are time-major {@code (time, batch, ...)} in the plan's sorted row order and come from
 * {@link Tensor#empty}, so that a training step's arena recycles them. The forward buffers are made
 * with the work; the backward ones when backward begins ({@link #beginBackward}).
 */
final class RecurrentWork {
    final int batch;
    final int time;
    final int in;
    final int units;
    /** Gate columns: {@code k·units} for a cell with k gates. */
    final int ku;
    final RowPlan plan;
    /** W {@code (in, k·units)}. */
    final Tensor kernel;
    /** U {@code (units, k·units)}. */
    final Tensor recurrent;
    /** {@code (k·units)}, or {@code (2, k·units)} with a recurrent row; null without bias. */
    final Tensor bias;
    /**
     * Gate pre-activations {@code x_t·W + b} {@code (time, batch, k·units)}; the cell completes and
     * activates them in place. Without a tape only one step's {@code (1, batch, k·units)}, reused at
     * every step: nothing reads them again, and a buffer of every step (100 MB for W2's batch) would
     * stream through memory; see {@link #gateRow}.
     */
    final Tensor g;
    /** Whether {@link #g} keeps every step's gates (with a tape: backward reads them). */
    final boolean allSteps;
    /**
     * The carried states, h first (it is the output), each {@code (time + 1, batch, units)} with
     * {@code [0]} the initial state; filled by the cell for computed rows and by the driver for masked ones.
     */
    final Tensor[] states;
    /** U packed once for the per-step products {@code h_{t-1}·U}. */
    final Gemm.PackedB packedRecurrent;
    /** Inputs, time-major {@code (time, batch, in)}; only with a tape (backward needs them), else null. */
    Tensor x;
    /** Backward: gate pre-activation gradients {@code dZ} {@code (time, batch, k·units)}. */
    Tensor dz;
    /** Backward: the gradients w.r.t. the current states, one {@code (batch, units)} per state. */
    Tensor[] dStates;
    /** Backward: Uᵀ {@code (k·units, units)} packed once for the products {@code dz·Uᵀ}. */
    Gemm.PackedB packedRecurrentT;

    RecurrentWork(RowPlan plan, int in, Tensor kernel, Tensor recurrent, Tensor bias, int stateCount, boolean taped) {
        this.plan = plan;
        this.batch = plan.batch;
        this.time = plan.time;
        this.in = in;
        this.units = recurrent.dim(0);
        this.ku = recurrent.dim(1);
        this.kernel = kernel;
        this.recurrent = recurrent;
        this.bias = bias;
        this.allSteps = taped;
        this.g = Tensor.empty(taped ? time : 1, batch, ku);
        this.states = new Tensor[stateCount];
        for (int i = 0; i < stateCount; i++) {
            states[i] = Tensor.empty(time + 1, batch, units);
        }
        this.packedRecurrent = Gemm.pack(false, units, ku, recurrent.data(), recurrent.offset(), ku);
    }

    /** The row of {@link #g} that holds step t's gates for sorted row p. */
    int gateRow(int t, int p) {
        return (allSteps ? t * batch : 0) + p;
    }

    /** The hidden state, which is also the output: {@code (time + 1, batch, units)}. */
    Tensor h() {
        return states[0];
    }

    /** The gradient w.r.t. the current hidden state {@code (batch, units)}. */
    Tensor dh() {
        return dStates[0];
    }

    /** Allocates the shared backward buffers (the state gradients start at zero). */
    void beginBackward() {
        dz = Tensor.empty(time, batch, ku);
        packedRecurrentT = Gemm.pack(true, ku, units, recurrent.data(), recurrent.offset(), ku);
        dStates = new Tensor[states.length];
        for (int i = 0; i < states.length; i++) {
            dStates[i] = Tensor.zeros(batch, units);
        }
    }
}
