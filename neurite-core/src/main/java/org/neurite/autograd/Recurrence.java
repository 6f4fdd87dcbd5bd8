package org.neurite.autograd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.neurite.kernels.Gemm;
import org.neurite.kernels.Parallel;
import org.neurite.kernels.RangeBody;
import org.neurite.tensor.Shapes;
import org.neurite.tensor.Tensor;

/**
 * The time loop shared by the fused recurrent ops: one recorded operation for a whole layer.
 *
 * <p>Each cell family ({@link LstmOps}, {@link GruOps}, {@link SimpleRnnOps}) supplies only its
 * per-step gate math, forward and backward, as a {@link Cell}; this class owns everything else:
 * <ul>
 *   <li>the input projections of all timesteps in one GEMM {@code (time·batch, in)·(in, k·units)};</li>
 *   <li>masking: rows are reordered by their number of real steps, longest first, so at each step
 *       the rows still (or already) running form a prefix of the batch for 'post' and 'pre' padding
 *       alike, and the recurrent GEMM and gate math run on that prefix only, as PyTorch's packed
 *       sequences do; a masked row inside the prefix (an arbitrary mask) is computed and then
 *       discarded. Either way a masked step keeps the state and repeats the previous output (or
 *       outputs zeros with {@link RecurrentOptions#zeroOutputForMask()});</li>
 *   <li>backpropagation through time, optionally truncated, and the weight gradients summed over
 *       time as single GEMMs: {@code dW = Xᵀ·dZ}, {@code dU = H_prevᵀ·dZ}, {@code dX = dZ·Wᵀ}.</li>
 * </ul>
 * Buffers are time-major {@code (time, batch, ...)} in the reordered row order, taken once per call
 * from {@link Tensor#empty} so that a training step's arena recycles them; no timestep allocates.
 * The input projections and weight GEMMs still cover padded steps: one large GEMM costs less than
 * many ragged ones.
 */
final class Recurrence {
    /** Below this many multiply-adds per step, splitting a step across threads costs more than it gains. */
    private static final long PARALLEL_STEP_MACS = 1L << 19;

    private Recurrence() {
    }

    /**
     * The per-step math of one cell family, for rows {@code [from, to)} of step {@code t}. Rows never
     * interact inside the time loop, so several threads may run steps on disjoint rows at once: a
     * cell writes only its rows of the shared buffers.
     */
    interface Cell {
        String name();

        /** Gates per unit: 1, 3 or 4. */
        int gates();

        boolean hasCellState();

        /** Whether the recurrent projection's gradient differs from the input projection's (GRU reset_after). */
        boolean separateRecurrentGradient();

        /** Allocates the cell's own per-call buffers ({@link Work#aux}, {@link Work#scratch}). */
        void allocate(Work w);

        /**
         * On entry {@code g[t]} holds {@code x_t·W + b}; adds the recurrent part, applies the gates in
         * place and writes {@code h[t+1]} (and {@code c[t+1]}).
         */
        void forwardStep(Work w, int t, int from, int to);

        /**
         * On entry {@code dh} (and {@code dc}) hold the loss gradient w.r.t. the state after step
         * {@code t}; writes {@code dz[t]} (and {@code dzRec[t]}) and replaces {@code dh}, {@code dc}
         * with the gradient w.r.t. the state before it.
         */
        void backwardStep(Work w, int t, int from, int to);

        /** {@code dU = Σ_t H_prevᵀ·dZ_rec} in one GEMM; GRU without reset_after overrides. */
        default void recurrentKernelGradient(Work w, float[] dU) {
            Tensor dz = w.dzRec != null ? w.dzRec : w.dz;
            Gemm.sgemm(true, false, w.units, w.ku, w.time * w.batch, w.h.data(), 0, w.units,
                    dz.data(), 0, w.ku, 0f, dU, 0, w.ku);
        }
    }

    /** Everything one call keeps between forward and backward: shapes, row order, buffers. */
    static final class Work {
        final int batch;
        final int time;
        final int in;
        final int units;
        final int ku;
        /** Sorted position to original batch row. */
        int[] order;
        /** Rows computed at each step: a prefix of the sorted batch. */
        int[] active;
        /** Thread {@code i} of the time loop takes rows {@code [rowSplit[i], rowSplit[i+1])}. */
        int[] rowSplit;
        /** {@code (time, batch)} in sorted order, 1 for a real step; null when every step is real. */
        float[] stepMask;
        /** The last real step of each sorted row, or -1. */
        int[] lastActive;
        /** Whether step t reads original timestep {@code time - 1 - t}. */
        boolean backwards;
        float[] kernel;
        int kernelOffset;
        float[] recurrent;
        int recurrentOffset;
        float[] recurrentBias;
        int recurrentBiasOffset;
        /** U {@code (units, k·units)} packed once for the per-step products {@code h_{t-1}·U}. */
        Gemm.PackedB packedRecurrent;
        /** Uᵀ {@code (k·units, units)} packed once for the backward products {@code dz·Uᵀ}. */
        Gemm.PackedB packedRecurrentT;
        /** Inputs, time-major {@code (time, batch, in)}. */
        Tensor x;
        /** Gate pre-activations, then activations {@code (time, batch, k·units)}. */
        Tensor g;
        /** States, {@code h[0]} the initial one: {@code (time + 1, batch, units)}. */
        Tensor h;
        Tensor c;
        /** A cell's extra per-step record {@code (time, batch, units)} (GRU). */
        Tensor aux;
        /** A cell's per-step scratch {@code (batch, k·units)}. */
        Tensor scratch;
        /** Backward: gate pre-activation gradients {@code (time, batch, k·units)}. */
        Tensor dz;
        Tensor dzRec;
        /** Backward: gradients w.r.t. the current states {@code (batch, units)}. */
        Tensor dh;
        Tensor dc;

        Work(int batch, int time, int in, int units, int gates) {
            this.batch = batch;
            this.time = time;
            this.in = in;
            this.units = units;
            this.ku = gates * units;
        }

        /** The original timestep that processing step {@code t} reads. */
        int sourceStep(int t) {
            return backwards ? time - 1 - t : t;
        }

        boolean isActive(int t, int p) {
            return p < active[t] && (stepMask == null || stepMask[t * batch + p] != 0f);
        }

    }

    /** The parameters of one call; {@code bias} is {@code (k·units)} or, with a recurrent row, {@code (2, k·units)}. */
    record Inputs(Variable x, Variable kernel, Variable recurrentKernel, Variable bias, Variable h0, Variable c0,
                  Tensor mask) {
    }

    static RecurrentOutput run(Cell cell, Inputs in, RecurrentOptions options) {
        Work w = prepare(cell, in);
        plan(w, in.mask(), options.goBackwards());
        List<Variable> args = new ArrayList<>();
        for (Variable v : new Variable[] {in.x(), in.kernel(), in.recurrentKernel(), in.bias(), in.h0(), in.c0()}) {
            if (v != null) {
                args.add(v);
            }
        }
        Variable[] inputs = args.toArray(Variable[]::new);
        boolean taped = Autograd.isRecording() && args.stream().anyMatch(Variable::requiresGrad);
        forward(cell, w, in, taped);
        Tensor packed = assembleOutput(cell, w, options);
        Variable result = Variable.result(cell.name(), packed,
                gradient -> RecurrenceBackward.run(cell, w, in, options, gradient, inputs), inputs);
        return split(result, w, cell, options);
    }

    private static Work prepare(Cell cell, Inputs in) {
        Tensor x = in.x().value();
        Tensor kernel = in.kernel().value();
        Tensor recurrent = in.recurrentKernel().value();
        if (x.rank() != 3 || kernel.rank() != 2 || recurrent.rank() != 2 || kernel.dim(0) != x.dim(2)
                || recurrent.dim(1) != cell.gates() * recurrent.dim(0) || kernel.dim(1) != recurrent.dim(1)) {
            throw new IllegalArgumentException(cell.name() + ": expected x (batch, time, in), kernel (in, "
                    + cell.gates() + "·units), recurrent_kernel (units, " + cell.gates() + "·units); got x "
                    + Shapes.toString(x.shape()) + ", kernel " + Shapes.toString(kernel.shape())
                    + ", recurrent_kernel " + Shapes.toString(recurrent.shape()));
        }
        Work w = new Work(x.dim(0), x.dim(1), x.dim(2), recurrent.dim(0), cell.gates());
        int biasRows = cell.separateRecurrentGradient() ? 2 : 1;
        checkShape(cell, "bias", in.bias(), biasRows == 2 ? new int[] {2, w.ku} : new int[] {w.ku});
        checkShape(cell, "initial h", in.h0(), w.batch, w.units);
        checkShape(cell, "initial c", in.c0(), w.batch, w.units);
        if (in.mask() != null && !Arrays.equals(in.mask().shape(), new int[] {w.batch, w.time})) {
            throw new IllegalArgumentException(cell.name() + ": mask must be (batch, time) = "
                    + Shapes.toString(new int[] {w.batch, w.time}) + ", got " + Shapes.toString(in.mask().shape()));
        }
        w.kernel = kernel.data();
        w.kernelOffset = kernel.offset();
        w.recurrent = recurrent.data();
        w.recurrentOffset = recurrent.offset();
        if (biasRows == 2 && in.bias() != null) {
            w.recurrentBias = in.bias().value().data();
            w.recurrentBiasOffset = in.bias().value().offset() + w.ku;
        }
        return w;
    }

    private static void checkShape(Cell cell, String what, Variable v, int... expected) {
        if (v != null && !Arrays.equals(v.shape(), expected)) {
            throw new IllegalArgumentException(cell.name() + ": " + what + " must be " + Shapes.toString(expected)
                    + ", got " + Shapes.toString(v.shape()));
        }
    }

    /** Orders rows by their number of real steps, longest first, and finds each step's active prefix. */
    private static void plan(Work w, Tensor mask, boolean goBackwards) {
        int b = w.batch;
        int t = w.time;
        w.backwards = goBackwards;
        w.active = new int[t];
        w.lastActive = new int[b];
        if (mask == null) {
            w.order = new int[b];
            Arrays.setAll(w.order, i -> i);
            Arrays.fill(w.active, b);
            Arrays.fill(w.lastActive, t - 1);
            return;
        }
        float[] m = mask.data();
        int mo = mask.offset();
        int[] lengths = new int[b];
        for (int row = 0; row < b; row++) {
            for (int s = 0; s < t; s++) {
                lengths[row] += m[mo + row * t + s] != 0f ? 1 : 0;
            }
        }
        w.order = java.util.stream.IntStream.range(0, b).boxed()
                .sorted((p, q) -> Integer.compare(lengths[q], lengths[p])).mapToInt(Integer::intValue).toArray();
        w.stepMask = new float[t * b];
        Arrays.fill(w.lastActive, -1);
        for (int s = 0; s < t; s++) {
            int source = goBackwards ? t - 1 - s : s;
            for (int p = 0; p < b; p++) {
                if (m[mo + w.order[p] * t + source] != 0f) {
                    w.stepMask[s * b + p] = 1f;
                    w.active[s] = p + 1;
                    w.lastActive[p] = s;
                }
            }
        }
    }

    /**
     * Runs {@code rows} over blocks of rows that cover the batch, one block per thread of the pool
     * for the whole time loop: rows never interact within it, so the threads need no barrier per step
     * (a barrier per step costs little on an idle machine but a scheduler's time slice whenever
     * another process holds a core). Blocks carry equal numbers of computed row-steps (sorted rows
     * run longest first, so equal row counts would not balance) in multiples of the GEMM's tile
     * height; a step too small to split runs on this thread.
     */
    static void forRowBlocks(Work w, RangeBody rows) {
        if ((long) w.batch * w.units * w.ku < PARALLEL_STEP_MACS || w.rowSplit.length <= 2) {
            rows.run(0, w.batch);
        } else {
            Parallel.forRange(0, w.rowSplit.length - 1, 1, (from, to) -> rows.run(w.rowSplit[from], w.rowSplit[to]));
        }
    }

    /** Cuts the sorted rows into {@link Parallel#threads()} blocks of about equal computed work. */
    private static int[] splitRows(Work w) {
        int block = Gemm.tileRows();
        int blocks = Math.min(Parallel.threads(), (w.batch + block - 1) / block);
        long[] work = new long[w.batch + 1];
        for (int t = 0; t < w.time; t++) {
            for (int p = 0; p < w.active[t]; p++) {
                work[p + 1]++;
            }
        }
        for (int p = 0; p < w.batch; p++) {
            work[p + 1] += work[p];
        }
        int[] split = new int[blocks + 1];
        split[blocks] = w.batch;
        for (int i = 1; i < blocks; i++) {
            int p = split[i - 1];
            while (p < w.batch && work[p] * blocks < work[w.batch] * i) {
                p++;
            }
            split[i] = Math.min(w.batch, Math.max(split[i - 1], (p + block / 2) / block * block));
        }
        return split;
    }

    /**
     * The time loop. With a tape ({@code taped}), every step's input projection is computed first in
     * one GEMM over the time-major inputs, which backward needs again. Without one (inference), each
     * thread projects its own rows one step at a time against the kernel packed once, just before
     * the step uses them: the projection is then still in cache, and the time-major copy of the
     * inputs is never made. Both orders add the same products, so the outputs are the same.
     */
    private static void forward(Cell cell, Work w, Inputs in, boolean taped) {
        int b = w.batch;
        w.g = Tensor.empty(w.time, b, w.ku);
        if (taped) {
            w.x = Tensor.empty(w.time, b, w.in);
            copyToTimeMajor(in.x().value(), w);
            fillBias(w, in.bias(), 0, w.time * b);
            // (time·batch, in)·(in, k·units): every step's input projection in one GEMM.
            Gemm.sgemm(false, false, w.time * b, w.ku, w.in, w.x.data(), 0, w.in, w.kernel, w.kernelOffset, w.ku,
                    in.bias() == null ? 0f : 1f, w.g.data(), 0, w.ku);
        }
        Gemm.PackedB kernel = taped ? null : Gemm.pack(false, w.in, w.ku, w.kernel, w.kernelOffset, w.ku);
        w.h = initialState(w, in.h0());
        w.c = cell.hasCellState() ? initialState(w, in.c0()) : null;
        w.packedRecurrent = Gemm.pack(false, w.units, w.ku, w.recurrent, w.recurrentOffset, w.ku);
        cell.allocate(w);
        w.rowSplit = splitRows(w);
        forRowBlocks(w, (from, to) -> {
            float[] rows = taped ? null : new float[(to - from) * w.in];
            for (int t = 0; t < w.time; t++) {
                int computed = Math.min(to, w.active[t]);
                if (computed > from) {
                    if (!taped) {
                        projectStep(w, in, kernel, rows, t, from, computed);
                    }
                    cell.forwardStep(w, t, from, computed);
                }
                carryMaskedRows(w, t, from, to);
            }
        });
    }

    /** Inference: step t's input projection {@code x_t·W + b} for sorted rows {@code [from, to)}. */
    private static void projectStep(Work w, Inputs in, Gemm.PackedB kernel, float[] rows, int t, int from, int to) {
        Tensor x = in.x().value();
        for (int p = from; p < to; p++) {
            System.arraycopy(x.data(), x.offset() + (w.order[p] * w.time + w.sourceStep(t)) * w.in, rows,
                    (p - from) * w.in, w.in);
        }
        int rowStart = t * w.batch + from;
        fillBias(w, in.bias(), rowStart, rowStart + to - from);
        Gemm.sgemmColumns(false, to - from, 0, w.ku, rows, 0, w.in, kernel, in.bias() == null ? 0f : 1f,
                w.g.data(), rowStart * w.ku, w.ku);
    }

    /** Copies the input bias into rows {@code [from, to)} of the gate pre-activations. */
    private static void fillBias(Work w, Variable bias, int from, int to) {
        if (bias == null) {
            return;
        }
        Tensor value = bias.value();
        float[] g = w.g.data();
        for (int r = from; r < to; r++) {
            System.arraycopy(value.data(), value.offset(), g, r * w.ku, w.ku);
        }
    }

    private static void copyToTimeMajor(Tensor x, Work w) {
        float[] src = x.data();
        float[] dst = w.x.data();
        for (int t = 0; t < w.time; t++) {
            for (int p = 0; p < w.batch; p++) {
                System.arraycopy(src, x.offset() + (w.order[p] * w.time + w.sourceStep(t)) * w.in, dst,
                        (t * w.batch + p) * w.in, w.in);
            }
        }
    }

    /** {@code (time + 1, batch, units)} with row 0 the given initial state in sorted order, or zeros. */
    private static Tensor initialState(Work w, Variable initial) {
        Tensor states = Tensor.empty(w.time + 1, w.batch, w.units);
        float[] d = states.data();
        if (initial == null) {
            Arrays.fill(d, 0, w.batch * w.units, 0f);
        } else {
            Tensor v = initial.value();
            for (int p = 0; p < w.batch; p++) {
                System.arraycopy(v.data(), v.offset() + w.order[p] * w.units, d, p * w.units, w.units);
            }
        }
        return states;
    }

    /** A masked step leaves the state as it was: copy it forward for rows not computed at step t. */
    private static void carryMaskedRows(Work w, int t, int from, int to) {
        int u = w.units;
        for (int p = from; p < to; p++) {
            if (!w.isActive(t, p)) {
                int state = (t * w.batch + p) * u;
                System.arraycopy(w.h.data(), state, w.h.data(), state + w.batch * u, u);
                if (w.c != null) {
                    System.arraycopy(w.c.data(), state, w.c.data(), state + w.batch * u, u);
                }
            }
        }
    }

    /** The op's value: the output, then (with return_state) the final h and c, flattened one after another. */
    private static Tensor assembleOutput(Cell cell, Work w, RecurrentOptions options) {
        int outSize = w.batch * w.units * (options.returnSequences() ? w.time : 1);
        int states = options.returnState() ? (cell.hasCellState() ? 2 : 1) : 0;
        Tensor packed = Tensor.empty(outSize + states * w.batch * w.units);
        float[] out = packed.data();
        if (options.returnSequences()) {
            writeSequence(w, out, options.zeroOutputForMask());
        } else {
            writeLastOutput(w, out);
        }
        if (states > 0) {
            writeFinalState(w, w.h, out, outSize);
        }
        if (states > 1) {
            writeFinalState(w, w.c, out, outSize + w.batch * w.units);
        }
        return packed;
    }

    private static void writeSequence(Work w, float[] out, boolean zeroOutputForMask) {
        int u = w.units;
        float[] h = w.h.data();
        for (int p = 0; p < w.batch; p++) {
            int row = w.order[p] * w.time * u;
            for (int t = 0; t < w.time; t++) {
                int dst = row + t * u;
                if (w.isActive(t, p)) {
                    System.arraycopy(h, ((t + 1) * w.batch + p) * u, out, dst, u);
                } else if (t == 0 || zeroOutputForMask) {
                    Arrays.fill(out, dst, dst + u, 0f);
                } else {
                    System.arraycopy(out, dst - u, out, dst, u);
                }
            }
        }
    }

    private static void writeLastOutput(Work w, float[] out) {
        int u = w.units;
        for (int p = 0; p < w.batch; p++) {
            int t = w.lastActive[p];
            int dst = w.order[p] * u;
            if (t < 0) {
                Arrays.fill(out, dst, dst + u, 0f);
            } else {
                System.arraycopy(w.h.data(), ((t + 1) * w.batch + p) * u, out, dst, u);
            }
        }
    }

    private static void writeFinalState(Work w, Tensor states, float[] out, int offset) {
        int u = w.units;
        for (int p = 0; p < w.batch; p++) {
            System.arraycopy(states.data(), (w.time * w.batch + p) * u, out, offset + w.order[p] * u, u);
        }
    }

    /** Views of the packed value as the output and the states, each with its own gradient path. */
    private static RecurrentOutput split(Variable packed, Work w, Cell cell, RecurrentOptions options) {
        int[] outShape = options.returnSequences() ? new int[] {w.batch, w.time, w.units}
                : new int[] {w.batch, w.units};
        if (!options.returnState()) {
            return new RecurrentOutput(packed.reshape(outShape), null, null);
        }
        int outSize = Shapes.size(outShape);
        int stateSize = w.batch * w.units;
        Variable output = Reshaping.slice(packed, 0, 0, outSize).reshape(outShape);
        Variable h = Reshaping.slice(packed, 0, outSize, outSize + stateSize).reshape(w.batch, w.units);
        Variable c = cell.hasCellState()
                ? Reshaping.slice(packed, 0, outSize + stateSize, outSize + 2 * stateSize).reshape(w.batch, w.units)
                : null;
        return new RecurrentOutput(output, h, c);
    }
}
