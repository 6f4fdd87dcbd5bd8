package org.neurite.autograd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.neurite.kernels.Gemm;
import org.neurite.kernels.Kernels;
import org.neurite.kernels.MathKernels;
import org.neurite.kernels.Parallel;
import org.neurite.kernels.RangeBody;
import org.neurite.tensor.Shapes;
import org.neurite.tensor.Tensor;

/**
 * The one time-loop driver of the fused recurrent ops: a whole layer as one recorded operation,
 * forward and backward read together here. A {@link FusedCell} ({@link LstmOps}, {@link GruOps},
 * {@link SimpleRnnOps}) supplies only its per-step gate math; this class owns everything else.
 *
 * <p><b>Forward</b>, per call:
 * <ul>
 *   <li>the input projections {@code x_t·W + b}: with a tape, of all steps in one GEMM
 *       {@code (time·batch, in)·(in, k·units)} over a time-major copy of the inputs (backward needs
 *       it); without one, each thread projects its rows one step at a time against W packed once,
 *       just before the step uses them (still in cache). Both orders add the same products, and
 *       the bias after them, just before the step;</li>
 *   <li>per step, the cell on the rows the {@link RowPlan} computes (a prefix of the sorted batch),
 *       then the masked rows carry their states over: a masked step keeps the state and repeats the
 *       previous output (or outputs zeros with {@link RecurrentOptions#zeroOutputForMask()}).</li>
 * </ul>
 * <b>Backward</b> walks the same steps in reverse on the same rows and threads: the output gradient
 * joins the state gradient; masked rows' state gradients pass around the cell unchanged (a masked
 * step is the identity on the state); the cell turns the computed rows' state gradients into
 * {@code dZ_t} and the previous states' gradients; with truncation {@code k} the state gradients
 * are zeroed where one window of {@code k} steps hands its state to the next. Then the weight
 * gradients as single GEMMs over all steps: {@code dX = dZ·Wᵀ}, {@code dW = Xᵀ·dZ},
 * {@code dU = H_prevᵀ·dZ_rec} (the cell's); {@code db = Σ dZ} is summed as the steps go
 * ({@link BiasSums}).
 *
 * <p>Each thread of the pool takes one block of rows through every step ({@link #forRowBlocks}).
 * Buffers are taken once per call from {@link Tensor#empty}, so that a training step's arena
 * recycles them; no step allocates. The input projections and weight GEMMs still cover padded
 * steps: one large GEMM costs less than many ragged ones.
 */
final class Recurrence {
    /** Below this many multiply-adds per step, splitting a step across threads costs more than it gains. */
    private static final long PARALLEL_STEP_MACS = 1L << 19;
    /**
     * Below this many floats, a copy over all steps runs on the calling thread: a parallel
     * region costs 0.1 ms on a loaded machine, about what a core needs to stream 256 KB.
     */
    private static final int PARALLEL_COPY_FLOATS = 1 << 16;
    /** The states' names in errors, as {@link RecurrentOutput} names them. */
    private static final String[] STATE_NAMES = {"h", "c"};
    private static final MathKernels K = Kernels.math();

    private Recurrence() {
    }

    /**
     * The arguments of one call. {@code bias} is {@code (k·units)}, or {@code (2, k·units)} for a cell
     * with a recurrent bias row, or null; {@code initialStates} holds one entry per state of the cell,
     * each {@code (batch, units)} or null for zeros; {@code mask} {@code (batch, time)} marks real
     * steps, or is null.
     */
    record Inputs(Variable x, Variable kernel, Variable recurrentKernel, Variable bias,
                  List<Variable> initialStates, Tensor mask, TokenInputs tokens) {
        Inputs(Variable x, Variable kernel, Variable recurrentKernel, Variable bias, List<Variable> initialStates,
               Tensor mask) {
            this(x, kernel, recurrentKernel, bias, initialStates, mask, null);
        }

        /** The inputs as rows of an embedding table ({@code x} is then null); only without a tape. */
        static Inputs ofTokens(TokenInputs tokens, Variable kernel, Variable recurrentKernel, Variable bias,
                               List<Variable> initialStates, Tensor mask) {
            return new Inputs(null, kernel, recurrentKernel, bias, initialStates, mask, tokens);
        }

        /** {@code (batch, time, in)}. */
        int[] shape() {
            return tokens == null ? x.shape()
                    : new int[] {tokens.batch(), tokens.time(), tokens.table().dim(1)};
        }
    }

    static RecurrentOutput run(FusedCell cell, Inputs in, RecurrentOptions options) {
        check(cell, in);
        int[] shape = in.shape();
        RowPlan plan = RowPlan.of(in.mask(), shape[0], shape[1], options.goBackwards());
        List<Variable> args = new ArrayList<>();
        if (in.x() != null) {
            args.add(in.x());
        }
        args.addAll(List.of(in.kernel(), in.recurrentKernel()));
        if (in.bias() != null) {
            args.add(in.bias());
        }
        in.initialStates().stream().filter(Objects::nonNull).forEach(args::add);
        Variable[] inputs = args.toArray(Variable[]::new);
        boolean taped = Autograd.isRecording() && args.stream().anyMatch(Variable::requiresGrad);
        if (taped && in.tokens() != null) {
            throw new IllegalStateException(cell.name() + ": inputs given as token ids run only without a tape");
        }
        RecurrentWork w = new RecurrentWork(plan, shape[2], in.kernel().value(), in.recurrentKernel().value(),
                in.bias() == null ? null : in.bias().value(), cell.stateCount(), taped);
        forward(cell, w, in, taped);
        Variable result = Variable.result(cell.name(), assembleOutput(w, options),
                gradient -> backward(cell, w, in, options, gradient), inputs);
        return split(result, w, options);
    }

    // ---------------------------------------------------------------- forward

    private static void forward(FusedCell cell, RecurrentWork w, Inputs in, boolean taped) {
        int b = w.batch;
        if (taped) {
            w.x = Tensor.empty(w.time, b, w.in);
            // Memory-bound copies, run by the pool: serial, they cost a whole core's time per batch.
            forSteps(w, b * w.in, (from, to) -> w.plan.toTimeMajor(in.x().value(), w.x.data(), from, to));
            // (time·batch, in)·(in, k·units): every step's input projection in one GEMM; the bias is
            // added just before each step, which then reads its rows from the cache.
            Gemm.sgemm(false, false, w.time * b, w.ku, w.in, w.x.data(), 0, w.in, w.kernel.data(),
                    w.kernel.offset(), w.ku, 0f, w.g.data(), 0, w.ku);
        }
        float[] projected = in.tokens() == null ? null : projectedTable(w, in.tokens().table());
        Gemm.PackedB kernel = taped || projected != null ? null
                : Gemm.pack(false, w.in, w.ku, w.kernel.data(), w.kernel.offset(), w.ku);
        for (int i = 0; i < w.states.length; i++) {
            setInitialState(w, w.states[i], in.initialStates().get(i));
        }
        cell.beginForward(w);
        RowPlan plan = w.plan;
        forRowBlocks(w, (from, to) -> {
            float[] rows = taped || projected != null ? null : new float[(to - from) * w.in];
            for (int t = 0; t < w.time; t++) {
                int computed = Math.min(to, plan.active[t]);
                if (computed > from) {
                    if (projected != null) {
                        copyProjectedRows(w, in.tokens().ids(), projected, t, from, computed);
                    } else if (!taped) {
                        projectStep(w, in.x().value(), kernel, rows, t, from, computed);
                    } else {
                        addBias(w.g.data(), w.gateRow(t, from) * w.ku, computed - from, w);
                    }
                    cell.forwardStep(w, t, from, computed);
                }
                carryMaskedRows(w, t, from, to);
            }
        });
    }

    /** Inference: step t's input projection {@code x_t·W + b} for sorted rows {@code [from, to)}. */
    private static void projectStep(RecurrentWork w, Tensor x, Gemm.PackedB kernel, float[] rows, int t, int from,
                                    int to) {
        w.plan.gatherStep(x, t, from, to, rows);
        int start = w.gateRow(t, from) * w.ku;
        Gemm.sgemmColumns(false, to - from, 0, w.ku, rows, 0, w.in, kernel, 0f, w.g.data(), start, w.ku);
        addBias(w.g.data(), start, to - from, w);
    }

    /**
     * {@code table·W + b} {@code (vocabulary, k·units)}: every token's input projection, made as
     * {@link #projectStep} makes a step's (the same GEMM, then the bias added), so that a copied row
     * equals the product it replaces. Made once per {@link InferenceScope}.
     */
    private static float[] projectedTable(RecurrentWork w, Tensor table) {
        Supplier<float[]> make = () -> {
            int vocabulary = table.dim(0);
            float[] out = new float[vocabulary * w.ku];
            Gemm.sgemm(false, false, vocabulary, w.ku, w.in, table.data(), table.offset(), w.in, w.kernel.data(),
                    w.kernel.offset(), w.ku, 0f, out, 0, w.ku);
            addBias(out, 0, vocabulary, w);
            return out;
        };
        InferenceScope scope = InferenceScope.current();
        return scope == null ? make.get() : scope.table(new TableKey(table.data(), table.offset(), w.kernel.data(),
                w.kernel.offset(), w.bias == null ? null : w.bias.data(), w.bias == null ? 0 : w.bias.offset()), make);
    }

    /** What a projected table is made of; arrays compare by identity, as within a scope no weight changes. */
    private record TableKey(float[] table, int tableOffset, float[] kernel, int kernelOffset, float[] bias,
                            int biasOffset) {
    }

    /** Inference on token ids: step t's input projections for sorted rows {@code [from, to)}, copied from the table. */
    private static void copyProjectedRows(RecurrentWork w, int[] ids, float[] projected, int t, int from, int to) {
        float[] g = w.g.data();
        for (int p = from; p < to; p++) {
            System.arraycopy(projected, ids[w.plan.sourceIndex(t, p)] * w.ku, g, w.gateRow(t, p) * w.ku, w.ku);
        }
    }

    /** Adds the input bias (its first row) to {@code rows} rows of gate pre-activations from {@code start}. */
    private static void addBias(float[] g, int start, int rows, RecurrentWork w) {
        if (w.bias == null) {
            return;
        }
        for (int r = 0; r < rows; r++) {
            K.add(g, start + r * w.ku, w.bias.data(), w.bias.offset(), g, start + r * w.ku, w.ku);
        }
    }

    /** Row 0 of {@code states}: the given initial state in sorted order, or zeros. */
    private static void setInitialState(RecurrentWork w, Tensor states, Variable initial) {
        if (initial == null) {
            Arrays.fill(states.data(), 0, w.batch * w.units, 0f);
        } else {
            Tensor v = initial.value();
            w.plan.sortRows(v.data(), v.offset(), states.data(), w.units);
        }
    }

    /** A masked step leaves the states as they were: copy them forward for rows not computed at step t. */
    private static void carryMaskedRows(RecurrentWork w, int t, int from, int to) {
        int u = w.units;
        for (int p = from; p < to; p++) {
            if (!w.plan.isActive(t, p)) {
                int state = (t * w.batch + p) * u;
                for (Tensor s : w.states) {
                    System.arraycopy(s.data(), state, s.data(), state + w.batch * u, u);
                }
            }
        }
    }

    // ---------------------------------------------------------------- backward

    private static Tensor[] backward(FusedCell cell, RecurrentWork w, Inputs in, RecurrentOptions options,
                                     Tensor gradient) {
        int b = w.batch;
        int u = w.units;
        w.beginBackward();
        cell.beginBackward(w);
        Tensor rec = cell.recurrentProjectionGradient(w);
        Tensor dzRec = rec == w.dz ? null : rec;
        int outSize = b * u * (options.returnSequences() ? w.time : 1);
        if (options.returnState()) {
            for (int i = 0; i < w.dStates.length; i++) {
                w.plan.sortRows(gradient.data(), gradient.offset() + outSize + i * b * u, w.dStates[i].data(), u);
            }
        }
        Tensor carry = Tensor.zeros(b, u);
        if (!options.returnSequences()) {
            w.plan.sortRows(gradient.data(), gradient.offset(), carry.data(), u);
        }
        Tensor saved = Tensor.empty(w.dStates.length, b, u);
        int window = options.truncateBptt();
        BiasSums biasSums = in.bias() != null && in.bias().requiresGrad()
                ? new BiasSums(b, w.ku, cell.biasRows() == 2 ? rec : null) : null;
        // As forward: each thread takes its block of rows back through every step.
        forRowBlocks(w, (from, to) -> {
            for (int t = w.time - 1; t >= 0; t--) {
                if (window > 0 && t + 1 < w.time && (t + 1) % window == 0) {
                    for (Tensor d : w.dStates) {
                        Arrays.fill(d.data(), from * u, to * u, 0f);
                    }
                }
                addOutputGradient(w, t, options, gradient, carry.data(), from, to);
                int computed = backwardStep(cell, w, dzRec, t, saved.data(), from, to);
                if (biasSums != null) {
                    biasSums.add(w, t, from, computed);
                }
            }
        });
        return gradients(cell, w, in, biasSums);
    }

    /**
     * {@code db = Σ dZ} (and {@code Σ dZ_rec} for a recurrent bias row), summed for each row of the
     * batch over the steps while a step's gate gradients are still in the cache of the thread that
     * computed them, instead of in a pass over all steps' {@code (time·batch, k·units)} gradients
     * afterwards; the rows' sums are then added in row order, so the result does not depend on how
     * the rows were split across threads. Rows a step does not compute have zero gate gradients.
     */
    private static final class BiasSums {
        private final float[] rows;
        private final int ku;
        private final int width;
        private final Tensor recurrent;

        BiasSums(int batch, int ku, Tensor recurrent) {
            this.ku = ku;
            this.width = recurrent == null ? ku : 2 * ku;
            this.rows = new float[batch * width];
            this.recurrent = recurrent;
        }

        /** Adds step t's gate gradients of rows {@code [from, to)}. */
        void add(RecurrentWork w, int t, int from, int to) {
            for (int r = from; r < to; r++) {
                int gates = (t * w.batch + r) * ku;
                K.add(rows, r * width, w.dz.data(), gates, rows, r * width, ku);
                if (recurrent != null) {
                    K.add(rows, r * width + ku, recurrent.data(), gates, rows, r * width + ku, ku);
                }
            }
        }

        Tensor total(int[] shape) {
            Tensor db = Tensor.zeros(shape);
            for (int r = 0; r < rows.length; r += width) {
                K.add(db.data(), 0, rows, r, db.data(), 0, width);
            }
            return db;
        }
    }

    /**
     * The output of step t is the new state where the row is computed, else the previous output
     * (or zeros): so its gradient goes to the state, or waits in {@code carry} for an earlier step.
     */
    private static void addOutputGradient(RecurrentWork w, int t, RecurrentOptions options, Tensor gradient,
                                          float[] carry, int from, int to) {
        int u = w.units;
        float[] dh = w.dh().data();
        float[] g = gradient.data();
        for (int p = from; p < to; p++) {
            int row = p * u;
            if (options.returnSequences()) {
                int src = gradient.offset() + (w.plan.order[p] * w.time + t) * u;
                for (int j = 0; j < u; j++) {
                    carry[row + j] += g[src + j];
                }
            }
            if (w.plan.isActive(t, p)) {
                for (int j = 0; j < u; j++) {
                    dh[row + j] += carry[row + j];
                }
                Arrays.fill(carry, row, row + u, 0f);
            } else if (options.returnSequences() && options.zeroOutputForMask()) {
                Arrays.fill(carry, row, row + u, 0f);
            }
        }
    }

    /**
     * One step back for rows {@code [from, to)}: masked rows inside the computed prefix are set aside
     * so that the cell sees zero gradients there, and restored after it; rows past the prefix get
     * zero gate gradients, so the weight GEMMs over all steps add nothing for them. Returns the end
     * of the rows it computed.
     */
    private static int backwardStep(FusedCell cell, RecurrentWork w, Tensor dzRec, int t, float[] saved, int from,
                                    int to) {
        int n = Math.max(from, Math.min(to, w.plan.active[t]));
        int u = w.units;
        int bu = w.batch * u;
        for (int p = from; p < n; p++) {
            if (!w.plan.isActive(t, p)) {
                for (int i = 0; i < w.dStates.length; i++) {
                    float[] d = w.dStates[i].data();
                    System.arraycopy(d, p * u, saved, i * bu + p * u, u);
                    Arrays.fill(d, p * u, p * u + u, 0f);
                }
            }
        }
        if (n > from) {
            // The carried gradients fade towards the subnormal range, which would slow every product
            // they enter (see MathKernels.flushTiny). The cells flush the gate gradients they compute.
            for (Tensor d : w.dStates) {
                K.flushTiny(d.data(), from * u, (n - from) * u);
            }
            cell.backwardStep(w, t, from, n);
        }
        int idle = (t * w.batch + n) * w.ku;
        int end = (t * w.batch + to) * w.ku;
        Arrays.fill(w.dz.data(), idle, end, 0f);
        if (dzRec != null) {
            Arrays.fill(dzRec.data(), idle, end, 0f);
        }
        for (int p = from; p < n; p++) {
            if (!w.plan.isActive(t, p)) {
                for (int i = 0; i < w.dStates.length; i++) {
                    System.arraycopy(saved, i * bu + p * u, w.dStates[i].data(), p * u, u);
                }
            }
        }
        return n;
    }

    /** The gradients of every input, in the order {@link #run} recorded them. */
    private static Tensor[] gradients(FusedCell cell, RecurrentWork w, Inputs in, BiasSums biasSums) {
        List<Tensor> grads = new ArrayList<>();
        grads.add(in.x().requiresGrad() ? inputGradient(w, in.x()) : null);
        grads.add(in.kernel().requiresGrad() ? kernelGradient(w) : null);
        grads.add(in.recurrentKernel().requiresGrad() ? recurrentGradient(cell, w) : null);
        if (in.bias() != null) {
            grads.add(biasSums == null ? null : biasSums.total(in.bias().shape()));
        }
        for (int i = 0; i < w.dStates.length; i++) {
            if (in.initialStates().get(i) != null) {
                Tensor d = Tensor.empty(w.batch, w.units);
                w.plan.unsortRows(w.dStates[i].data(), 0, d.data(), 0, w.units);
                grads.add(d);
            }
        }
        return grads.toArray(Tensor[]::new);
    }

    /** {@code dX = dZ·Wᵀ} over all steps in one GEMM, then back to {@code (batch, time, in)}. */
    private static Tensor inputGradient(RecurrentWork w, Variable x) {
        Tensor dxTime = Tensor.empty(w.time * w.batch, w.in);
        Gemm.sgemm(false, true, w.time * w.batch, w.in, w.ku, w.dz.data(), 0, w.ku, w.kernel.data(),
                w.kernel.offset(), w.ku, 0f, dxTime.data(), 0, w.in);
        Tensor dx = Tensor.empty(x.shape());
        forSteps(w, w.batch * w.in, (from, to) -> w.plan.fromTimeMajor(dxTime.data(), dx, from, to));
        return dx;
    }

    /** {@code dW = Xᵀ·dZ} over all steps in one GEMM. */
    private static Tensor kernelGradient(RecurrentWork w) {
        Tensor dw = Tensor.empty(w.in, w.ku);
        Gemm.sgemm(true, false, w.in, w.ku, w.time * w.batch, w.x.data(), 0, w.in, w.dz.data(), 0, w.ku, 0f,
                dw.data(), 0, w.ku);
        return dw;
    }

    private static Tensor recurrentGradient(FusedCell cell, RecurrentWork w) {
        Tensor du = Tensor.empty(w.units, w.ku);
        cell.recurrentKernelGradient(w, du.data());
        return du;
    }

    // ---------------------------------------------------------------- shared by both directions

    /**
     * Runs {@code steps} over ranges of steps {@code [0, time)}, on the pool when the steps copy enough
     * floats ({@code floatsPerStep} each) to pay for a parallel region; the body must write disjoint
     * memory for disjoint steps.
     */
    private static void forSteps(RecurrentWork w, int floatsPerStep, RangeBody steps) {
        Parallel.forRange(0, w.time, Math.max(1, PARALLEL_COPY_FLOATS / Math.max(1, floatsPerStep)), steps);
    }

    /**
     * Runs {@code rows} over the plan's blocks of rows, one block per thread of the pool for the
     * whole time loop: rows never interact within it, so the threads need no barrier per step (a
     * barrier per step costs little on an idle machine but a scheduler's time slice whenever another
     * process holds a core). A step too small to split runs on this thread.
     */
    private static void forRowBlocks(RecurrentWork w, RangeBody rows) {
        int[] blocks = w.plan.blocks;
        if ((long) w.batch * w.units * w.ku < PARALLEL_STEP_MACS || blocks.length <= 2) {
            rows.run(0, w.batch);
        } else {
            Parallel.forRange(0, blocks.length - 1, 1, (from, to) -> rows.run(blocks[from], blocks[to]));
        }
    }

    private static void check(FusedCell cell, Inputs in) {
        int[] x = in.shape();
        Tensor kernel = in.kernel().value();
        Tensor recurrent = in.recurrentKernel().value();
        if (x.length != 3 || kernel.rank() != 2 || recurrent.rank() != 2 || kernel.dim(0) != x[2]
                || recurrent.dim(1) != cell.gates() * recurrent.dim(0) || kernel.dim(1) != recurrent.dim(1)) {
            throw new IllegalArgumentException(cell.name() + ": expected x (batch, time, in), kernel (in, "
                    + cell.gates() + "·units), recurrent_kernel (units, " + cell.gates() + "·units); got x "
                    + Shapes.toString(x) + ", kernel " + Shapes.toString(kernel.shape())
                    + ", recurrent_kernel " + Shapes.toString(recurrent.shape()));
        }
        int batch = x[0];
        int units = recurrent.dim(0);
        int ku = recurrent.dim(1);
        checkShape(cell, "bias", in.bias(), cell.biasRows() == 2 ? new int[] {2, ku} : new int[] {ku});
        if (in.initialStates().size() != cell.stateCount() || cell.stateCount() > STATE_NAMES.length) {
            throw new IllegalArgumentException(cell.name() + ": expected " + cell.stateCount()
                    + " initial states (null for zeros), got " + in.initialStates().size());
        }
        for (int i = 0; i < cell.stateCount(); i++) {
            checkShape(cell, "initial " + STATE_NAMES[i], in.initialStates().get(i), batch, units);
        }
        if (in.mask() != null && !Arrays.equals(in.mask().shape(), new int[] {batch, x[1]})) {
            throw new IllegalArgumentException(cell.name() + ": mask must be (batch, time) = "
                    + Shapes.toString(new int[] {batch, x[1]}) + ", got " + Shapes.toString(in.mask().shape()));
        }
    }

    private static void checkShape(FusedCell cell, String what, Variable v, int... expected) {
        if (v != null && !Arrays.equals(v.shape(), expected)) {
            throw new IllegalArgumentException(cell.name() + ": " + what + " must be " + Shapes.toString(expected)
                    + ", got " + Shapes.toString(v.shape()));
        }
    }

    /** The op's value: the output, then (with return_state) the final states, flattened one after another. */
    private static Tensor assembleOutput(RecurrentWork w, RecurrentOptions options) {
        int stateSize = w.batch * w.units;
        int outSize = stateSize * (options.returnSequences() ? w.time : 1);
        int states = options.returnState() ? w.states.length : 0;
        Tensor packed = Tensor.empty(outSize + states * stateSize);
        float[] out = packed.data();
        if (options.returnSequences()) {
            w.plan.writeSequence(w.h().data(), w.units, out, options.zeroOutputForMask());
        } else {
            w.plan.writeLastOutput(w.h().data(), w.units, out);
        }
        for (int i = 0; i < states; i++) {
            w.plan.unsortRows(w.states[i].data(), w.time * stateSize, out, outSize + i * stateSize, w.units);
        }
        return packed;
    }

    /** Views of the packed value as the output and the states, each with its own gradient path. */
    private static RecurrentOutput split(Variable packed, RecurrentWork w, RecurrentOptions options) {
        int[] outShape = options.returnSequences() ? new int[] {w.batch, w.time, w.units}
                : new int[] {w.batch, w.units};
        if (!options.returnState()) {
            return new RecurrentOutput(packed.reshape(outShape), null, null);
        }
        int outSize = Shapes.size(outShape);
        int stateSize = w.batch * w.units;
        Variable output = Reshaping.slice(packed, 0, 0, outSize).reshape(outShape);
        Variable[] views = new Variable[STATE_NAMES.length];
        for (int i = 0; i < w.states.length; i++) {
            int start = outSize + i * stateSize;
            views[i] = Reshaping.slice(packed, 0, start, start + stateSize).reshape(w.batch, w.units);
        }
        return new RecurrentOutput(output, views[0], views[1]);
    }
}
