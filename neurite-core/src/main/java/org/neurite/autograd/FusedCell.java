package org.neurite.autograd;

import org.neurite.kernels.Gemm;
import org.neurite.tensor.Tensor;

/**
 * The per-step math of a fused recurrent cell, forward and backward: all that {@link Recurrence},
 * the one time-loop driver, asks of {@link LstmOps}, {@link GruOps} and {@link SimpleRnnOps}.
 *
 * <p><b>What the driver does</b> (so a cell does not): check shapes; sort rows by length and find
 * each step's computed rows ({@link RowPlan}); project every step's input {@code x_t·W + b} into
 * {@code g[t]} (one GEMM with a tape, one per step and thread without); carry the states over
 * masked steps; assemble the output and final states; in backward, add the output gradient to
 * {@code dh}, pass masked rows' state gradients around the cell, truncate BPTT, and compute
 * {@code dX = dZ·Wᵀ}, {@code dW = Xᵀ·dZ} and the bias gradient {@code Σ dZ} as single GEMMs and sums
 * over all steps.
 *
 * <p><b>What a cell does</b>: per step {@code t} and rows {@code [from, to)}, complete and activate
 * the gates in {@code g[t]} (adding the recurrent product, with {@link RecurrentWork#packedRecurrent})
 * and write the new states {@code states[i][t+1]}; backward, turn the state gradients
 * {@link RecurrentWork#dStates} into {@code dz[t]} and the previous states' gradients.
 *
 * <p><b>One object per call.</b> The op makes a new cell for every call, so a cell may keep that
 * call's own buffers (a saved activation, a scratch row) in its fields between forward and backward;
 * the shared {@link RecurrentWork} holds nothing cell-specific.
 *
 * <p><b>Threads.</b> Rows never interact inside the time loop: the driver runs each thread's block
 * of rows through every step, so {@link #forwardStep} and {@link #backwardStep} are called at once
 * for disjoint row ranges. A cell writes only rows {@code [from, to)} of shared and own buffers.
 *
 * <p><b>A new fused cell is one file</b>: a class implementing this interface, and a public entry
 * that calls {@code Recurrence.run(new MyCell(), new Recurrence.Inputs(...), options)}; the slow
 * twin to test it against is the layer's composed step ({@code UnrolledRecurrence}).
 */
interface FusedCell {
    /** The op's name on the tape and in errors ({@code lstm}). */
    String name();

    /** Gate blocks per unit, k: the kernels are {@code (in, k·units)} and {@code (units, k·units)}. */
    int gates();

    /** The states carried from step to step, each {@code (batch, units)}, h first: 1, or 2 (h, c). */
    int stateCount();

    /**
     * 1: the bias {@code (k·units)} is added to the input projection by the driver; 2: the bias is
     * {@code (2, k·units)} and its second row {@code b'} belongs to the recurrent projection, which
     * the cell adds itself (its gradient is then {@code Σ_t} {@link #recurrentProjectionGradient}).
     */
    default int biasRows() {
        return 1;
    }

    /** Before the time loop, once the shared forward buffers exist: allocate the cell's own. */
    default void beginForward(RecurrentWork w) {
    }

    /**
     * On entry {@code g[t]} holds {@code x_t·W + b} for rows {@code [from, to)}; adds the recurrent
     * part, applies the gates in place and writes the states of step {@code t + 1}.
     */
    void forwardStep(RecurrentWork w, int t, int from, int to);

    /** Before the reverse walk, once {@code dz} and the state gradients exist: allocate the cell's own. */
    default void beginBackward(RecurrentWork w) {
    }

    /**
     * On entry the state gradients hold the loss gradient w.r.t. the states after step {@code t};
     * writes {@code dz[t]} (and the cell's own step gradients) and replaces the state gradients with
     * those w.r.t. the states before it. Rows {@code [from, to)} only. The gate gradients it writes
     * pass through {@link org.neurite.kernels.MathKernels#flushTiny} before any product reads them.
     */
    void backwardStep(RecurrentWork w, int t, int from, int to);

    /**
     * {@code dZ_rec} {@code (time, batch, k·units)}: the gradient w.r.t. the recurrent projection
     * {@code h_{t-1}·U (+ b')}; {@code dz} unless the cell transforms that projection before adding it
     * to the gates (GRU with the reset after). The driver zeroes its uncomputed rows as it does dz's.
     */
    default Tensor recurrentProjectionGradient(RecurrentWork w) {
        return w.dz;
    }

    /** Writes {@code dU = Σ_t h_{t-1}ᵀ·dZ_rec} in one GEMM; a cell whose U sees other inputs overrides. */
    default void recurrentKernelGradient(RecurrentWork w, float[] dU) {
        Gemm.sgemm(true, false, w.units, w.ku, w.time * w.batch, w.h().data(), 0, w.units,
                recurrentProjectionGradient(w).data(), 0, w.ku, 0f, dU, 0, w.ku);
    }
}
