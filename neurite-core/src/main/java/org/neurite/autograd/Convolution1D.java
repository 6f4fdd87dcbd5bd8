package org.neurite.autograd;

import org.neurite.kernels.Gemm;
import org.neurite.kernels.Parallel;
import org.neurite.kernels.Window1D;
import org.neurite.tensor.Shapes;
import org.neurite.tensor.Tensor;

/**
 * 1-D convolution over {@code x (batch, time, channels)} with a Keras kernel
 * {@code W (size, channels/groups, filters)} and an optional bias {@code (filters)}, forward and
 * backward together:
 *
 * <pre>
 *   y[b, l, f] = bias[f] + Σ_j Σ_c x[b, l·stride + j·dilation - padLeft, g·cg + c] · W[j, c, f]
 * </pre>
 * where {@code g = f / (filters/groups)} is the filter's group and {@code cg = channels/groups};
 * padding steps read as zero.
 *
 * <p>Computed tap by tap, with no unfolded copy of x: for tap j, the input rows that the outputs
 * {@code l} read, {@code l·stride + j·dilation - padLeft}, are evenly spaced, so they form a matrix
 * read in place with row stride {@code stride·channels}, and
 * {@code y_b[l0..l1] += x_b[rows of tap j] · W_j} is one GEMM per (sequence, tap, group). Padding is
 * no special case: the outputs whose tap j falls on a padding step ({@code l < l0} or {@code l > l1})
 * just get no term from it. Without dilation or groups a window's taps are contiguous too, so the
 * outputs whose window lies wholly inside the sequence take one deeper GEMM on overlapping rows of
 * {@code size·channels} floats (the im2col matrix, read where it lies; 1.26x the per-tap GEMMs' speed
 * at W4's shapes), the taps only the few edge rows. An im2col copy ({@code batch·outLength x
 * size·channels}, seven times x for W4's first layer) cost more than its GEMM saved. The backward
 * pass is the same views used the other way: {@code dx_b[rows of tap j] += dy_b[l0..l1] · W_jᵀ} and
 * {@code dW_j += x_b[rows of tap j]ᵀ · dy_b[l0..l1]}, {@code dbias = Σ_rows dy}.
 *
 * <p>Sequences are split across {@link Parallel}'s threads (each GEMM then runs on its thread), and
 * the kernel gradient across bands of W's rows; every element is summed in the same order whatever
 * the split, so results do not depend on the thread count. An activation whose derivative follows
 * from its output ({@link FusedActivation}) is applied to each sequence right after its GEMMs, while
 * it is in cache: {@code y = act(z)}, and the rules above take {@code dz = dy ⊙ act'(z)} in place of dy.
 *
 * <p>{@link #conv1dOfRows} is the inference-only variant for a convolution right after an embedding:
 * it reads x's rows from the embedding table by token id, one sequence at a time, instead of from a
 * gathered {@code (batch, time, channels)} tensor; its composed twin is this op on that tensor.
 *
 * <pre>{@code
 * // x (2, 9, 4), kernel (3, 4, 5), bias (5): valid padding, stride 1 -> (2, 7, 5)
 * Window1D w = new Window1D(2, 9, 4, 3, 1, 1, 0, 7);
 * Variable y = Convolution1D.conv1d(x, kernel, bias, w, 1, FusedActivation.RELU);
 * }</pre>
 */
public final class Convolution1D {
    /** Per thread: one sequence gathered by {@link #conv1dOfRows}. */
    private static final ThreadLocal<float[]> SEQUENCE = ThreadLocal.withInitial(() -> new float[0]);

    private Convolution1D() {
    }

    /**
     * The convolution of {@code x} with {@code kernel} over the windows {@code w} (whose batch, time and
     * channels must be x's), plus {@code bias} when not null: {@code (batch, outLength, filters)}.
     */
    public static Variable conv1d(Variable x, Variable kernel, Variable bias, Window1D w, int groups) {
        return conv1d(x, kernel, bias, w, groups, FusedActivation.LINEAR);
    }

    /** {@link #conv1d(Variable, Variable, Variable, Window1D, int)} followed by {@code activation}, in one pass. */
    public static Variable conv1d(Variable x, Variable kernel, Variable bias, Window1D w, int groups,
                                  FusedActivation activation) {
        Tensor xv = x.value();
        Taps taps = new Taps(w, groups, kernel.value().dim(2));
        Forward forward = new Forward(taps, kernel.value(), bias == null ? null : bias.value(), activation);
        Tensor out = Tensor.empty(w.batch(), w.outLength(), taps.filters);
        forSequences(w.batch(), b -> forward.sequence(xv.data(), xv.offset() + taps.sequenceStart(b), out.data(), b));
        Variable[] inputs = bias == null ? new Variable[] {x, kernel} : new Variable[] {x, kernel, bias};
        return Variable.result(Primitive.CONV1D, out,
                dy -> gradients(dy, out, activation, x, kernel, bias, taps), inputs);
    }

    /**
     * For inference: the convolution of the rows of {@code table (rows, channels)} that {@code ids}
     * picks ({@code batch·time} of them, sequence after sequence), that is
     * {@code conv1d(gather(table, ids))}, without the gathered {@code (batch, time, channels)} tensor.
     * Each sequence's rows are gathered on the thread that convolves it, into a buffer of its own that
     * stays in cache for the GEMMs, so the lookup runs on every core and x never goes to memory (for
     * W4's prediction batch of 256 it would be 64 MB). Records nothing: no gradient flows through it.
     *
     * @throws IllegalArgumentException if {@code ids} does not hold {@code batch·time} ids, or the
     *     table's width is not the windows' channels
     * @throws IndexOutOfBoundsException if an id is not a row of the table
     */
    public static Tensor conv1dOfRows(Tensor table, int[] ids, Tensor kernel, Tensor bias, Window1D w, int groups,
                                      FusedActivation activation) {
        int width = table.rank() == 2 ? table.dim(1) : -1;
        if (width != w.channels() || ids.length != w.batch() * w.time()) {
            throw new IllegalArgumentException("conv1dOfRows: need a table (rows, " + w.channels() + ") and "
                    + w.batch() * w.time() + " ids for " + w.batch() + " sequences of " + w.time()
                    + " steps, got a table " + Shapes.toString(table.shape()) + " and " + ids.length + " ids");
        }
        Taps taps = new Taps(w, groups, kernel.dim(2));
        Forward forward = new Forward(taps, kernel, bias, activation);
        Tensor out = Tensor.empty(w.batch(), w.outLength(), taps.filters);
        int steps = w.time();
        forSequences(w.batch(), b -> {
            float[] x = sequenceBuffer(steps * width);
            for (int t = 0; t < steps; t++) {
                int id = ids[b * steps + t];
                if (id < 0 || id >= table.dim(0)) {
                    throw new IndexOutOfBoundsException("conv1dOfRows: id " + id + " is outside [0, " + table.dim(0) + ")");
                }
                System.arraycopy(table.data(), table.offset() + id * width, x, t * width, width);
            }
            forward.sequence(x, 0, out.data(), b);
        });
        return out;
    }

    /** This thread's buffer for one gathered sequence, at least {@code size} floats, reused from call to call. */
    private static float[] sequenceBuffer(int size) {
        float[] buffer = SEQUENCE.get();
        if (buffer.length < size) {
            buffer = new float[size];
            SEQUENCE.set(buffer);
        }
        return buffer;
    }

    /**
     * The forward pass of one sequence: {@code y_b = act(bias + Σ taps)}, the interior's windows as one
     * GEMM on overlapping rows of x and each tap's edge rows as their own, W packed once per call.
     */
    private static final class Forward {
        private final Taps taps;
        private final Tensor bias;
        private final FusedActivation activation;
        private final Gemm.PackedB[] weights;
        private final Gemm.PackedB window;

        Forward(Taps taps, Tensor kernel, Tensor bias, FusedActivation activation) {
            this.taps = taps;
            this.bias = bias;
            this.activation = activation;
            this.weights = taps.hasEdges() ? taps.pack(kernel, false) : null;
            this.window = taps.interiorRows > 0 ? taps.packWindow(kernel) : null;
        }

        /** Output sequence {@code b} into {@code o}, from the sequence of x that starts at {@code x[xs]}. */
        void sequence(float[] x, int xs, float[] o, int b) {
            int outRows = taps.window.outLength() * taps.filters;
            int ob = b * outRows;
            if (bias == null) {
                java.util.Arrays.fill(o, ob, ob + outRows, 0f);
            } else {
                fillRows(o, ob, outRows, bias);
            }
            if (window != null) {
                // y_b[interior] += x_b[windows of the interior rows, overlapping] · W read as (size·channels, filters)
                Gemm.sgemm(false, taps.interiorRows, x, xs + taps.inputOffset(0, 0, taps.interiorFirst),
                        taps.inputStride, window, 1f, o, ob + taps.outputOffset(taps.interiorFirst, 0), taps.filters);
            }
            for (int j = 0; j < taps.window.size(); j++) {
                for (int part = 0; part < 2; part++) {
                    int first = taps.partFirst(j, part);
                    int rows = taps.partRows(j, part);
                    for (int g = 0; g < taps.groups && rows > 0; g++) {
                        // y_b[rows, group g] += x_b[those rows' step of tap j, group g] · W_j,g
                        Gemm.sgemm(false, rows, x, xs + taps.inputOffset(j, g, first), taps.inputStride,
                                weights[j * taps.groups + g], 1f, o, ob + taps.outputOffset(first, g), taps.filters);
                    }
                }
            }
            Fused.activate(activation, o, ob, outRows);
        }
    }

    private static Tensor[] gradients(Tensor dy, Tensor out, FusedActivation activation, Variable x,
                                      Variable kernel, Variable bias, Taps taps) {
        Window1D w = taps.window;
        int outRows = w.outLength() * taps.filters;
        Tensor dz = Tensor.empty(out.shape());
        // zeroed a sequence at a time, on its thread, just before the taps add to it (in cache)
        Tensor dx = x.requiresGrad() ? Tensor.empty(x.shape()) : null;
        int inputRows = w.time() * w.channels();
        Gemm.PackedB[] transposed = dx == null ? null : taps.pack(kernel.value(), true);
        forSequences(w.batch(), b -> {
            int ob = b * outRows;
            Fused.activationGradient(activation, out.data(), ob, dy.data(), dy.offset() + ob, dz.data(), ob, outRows);
            if (dx != null) {
                java.util.Arrays.fill(dx.data(), b * inputRows, (b + 1) * inputRows, 0f);
                inputGradient(taps, b, dz.data(), ob, transposed, dx.data());
            }
        });
        Tensor dk = kernel.requiresGrad() ? kernelGradient(taps, x.value(), dz) : null;
        if (bias == null) {
            return new Tensor[] {dx, dk};
        }
        Tensor db = bias.requiresGrad() ? dz.reshape(w.batch() * w.outLength(), taps.filters).sum(0, false) : null;
        return new Tensor[] {dx, dk, db};
    }

    /** dx_b[rows of tap j, group g] += dz_b[l0..l1, group g] · W_j,gᵀ, for every tap and group. */
    private static void inputGradient(Taps taps, int b, float[] dz, int ob, Gemm.PackedB[] transposed, float[] dx) {
        for (int j = 0; j < taps.window.size(); j++) {
            int first = taps.first(j);
            int rows = taps.rows(j);
            for (int g = 0; g < taps.groups && rows > 0; g++) {
                Gemm.sgemm(false, rows, dz, ob + taps.outputOffset(first, g), taps.filters,
                        transposed[j * taps.groups + g], 1f, dx, taps.sequenceStart(b) + taps.inputOffset(j, g, first), taps.inputStride);
            }
        }
    }

    /**
     * dW_j,g = Σ_b x_b[rows of tap j, group g]ᵀ · dz_b[l0..l1, group g], the rows of W ({@code size·cg}
     * of them, tap after tap) split into bands across threads; each band sums the sequences in order,
     * the interior rows' windows (read overlapping, as in the forward pass) before each tap's edge rows.
     */
    private static Tensor kernelGradient(Taps taps, Tensor xv, Tensor dz) {
        Window1D w = taps.window;
        int cg = taps.channelsPerGroup;
        int f = taps.filters;
        Tensor dk = Tensor.zeros(w.size(), cg, f);
        int tile = Gemm.tileRows();
        int rows = w.size() * cg;
        int outRows = w.outLength() * f;
        Parallel.forRange(0, Math.ceilDiv(rows, tile), 1, (from, to) -> {
            int r0 = from * tile;
            int r1 = Math.min(rows, to * tile);
            for (int b = 0; b < w.batch(); b++) {
                if (taps.interiorRows > 0) {
                    Gemm.sgemm(true, false, r1 - r0, f, taps.interiorRows,
                            xv.data(), xv.offset() + taps.sequenceStart(b) + taps.inputOffset(0, 0, taps.interiorFirst) + r0, taps.inputStride,
                            dz.data(), b * outRows + taps.outputOffset(taps.interiorFirst, 0), f,
                            1f, dk.data(), r0 * f, f);
                }
                for (int j = r0 / cg; j * cg < r1; j++) {
                    int c0 = Math.max(r0, j * cg) - j * cg;
                    int c1 = Math.min(r1, (j + 1) * cg) - j * cg;
                    for (int part = 0; part < 2; part++) {
                        int first = taps.partFirst(j, part);
                        int m = taps.partRows(j, part);
                        for (int g = 0; g < taps.groups && m > 0; g++) {
                            Gemm.sgemm(true, false, c1 - c0, taps.filtersPerGroup, m,
                                    xv.data(), xv.offset() + taps.sequenceStart(b) + taps.inputOffset(j, g, first) + c0, taps.inputStride,
                                    dz.data(), b * outRows + taps.outputOffset(first, g), f,
                                    1f, dk.data(), (j * cg + c0) * f + g * taps.filtersPerGroup, f);
                        }
                    }
                }
            }
        });
        return dk;
    }

    /** Runs {@code body} for every sequence, split across threads when there are enough of them. */
    private static void forSequences(int batch, java.util.function.IntConsumer body) {
        Parallel.forRange(0, batch, 1, (from, to) -> {
            for (int b = from; b < to; b++) {
                body.accept(b);
            }
        });
    }

    private static void fillRows(float[] o, int off, int n, Tensor bias) {
        int width = bias.size();
        for (int i = off; i < off + n; i += width) {
            System.arraycopy(bias.data(), bias.offset(), o, i, width);
        }
    }

    /**
     * Where each tap's rows lie: output rows {@code [first(j), first(j) + rows(j))} read input steps
     * {@code l·stride + j·dilation - padLeft} inside the sequence, evenly spaced {@code inputStride} floats
     * apart. Without dilation or groups, a window's taps are also contiguous in x: the rows whose whole
     * window lies inside the sequence (the interior) then read their windows in place as overlapping
     * rows of {@code size·channels} floats, one GEMM with depth {@code size·channels} instead of one per
     * tap (deeper products, C updated once); each tap keeps only its edge rows, before and after.
     */
    private static final class Taps {
        final Window1D window;
        final int groups;
        final int filters;
        final int filtersPerGroup;
        final int channelsPerGroup;
        final int inputStride;
        final int interiorFirst;
        final int interiorRows;
        private final int[] first;
        private final int[] rows;
        private final int[][] parts;

        Taps(Window1D w, int groups, int filters) {
            this.window = w;
            this.groups = groups;
            this.filters = filters;
            this.filtersPerGroup = filters / groups;
            this.channelsPerGroup = w.channels() / groups;
            this.inputStride = w.stride() * w.channels();
            this.first = new int[w.size()];
            this.rows = new int[w.size()];
            int lo = 0;
            int hi = w.outLength();
            for (int j = 0; j < w.size(); j++) {
                int shift = j * w.dilation() - w.padLeft();
                // first l with l·stride + shift >= 0, last with l·stride + shift <= time - 1
                first[j] = Math.max(0, Math.ceilDiv(-shift, w.stride()));
                int last = Math.min(w.outLength() - 1, Math.floorDiv(w.time() - 1 - shift, w.stride()));
                rows[j] = Math.max(0, last - first[j] + 1);
                lo = Math.max(lo, first[j]);
                hi = Math.min(hi, first[j] + rows[j]);
            }
            boolean contiguous = groups == 1 && (w.dilation() == 1 || w.size() == 1);
            this.interiorFirst = contiguous && hi > lo ? lo : w.outLength();
            this.interiorRows = contiguous && hi > lo ? hi - lo : 0;
            this.parts = new int[w.size()][4];
            for (int j = 0; j < w.size(); j++) {
                int end = first[j] + rows[j];
                int before = Math.min(end, interiorFirst);
                int after = Math.max(first[j], interiorFirst + interiorRows);
                parts[j] = new int[] {first[j], Math.max(0, before - first[j]), after, Math.max(0, end - after)};
            }
        }

        int first(int j) {
            return first[j];
        }

        /** Whether some tap has rows outside the interior (padding, dilation or groups): they need W tap by tap. */
        boolean hasEdges() {
            for (int[] p : parts) {
                if (p[1] > 0 || p[3] > 0) {
                    return true;
                }
            }
            return false;
        }

        int rows(int j) {
            return rows[j];
        }

        /** First row of tap j's part {@code part} outside the interior: 0 before it, 1 after it. */
        int partFirst(int j, int part) {
            return parts[j][2 * part];
        }

        int partRows(int j, int part) {
            return parts[j][2 * part + 1];
        }

        /** Offset in x (from its start) of sequence b. */
        int sequenceStart(int b) {
            return b * window.time() * window.channels();
        }

        /** Offset in one sequence of x of the step tap j reads for output row l, at group g's channels. */
        int inputOffset(int j, int g, int l) {
            return window.step(l, j) * window.channels() + g * channelsPerGroup;
        }

        /** Offset in one sequence's output of row l, at group g's filters. */
        int outputOffset(int l, int g) {
            return l * filters + g * filtersPerGroup;
        }

        /** W as one {@code (size·channels, filters)} matrix, packed as B, for the interior's windows. */
        Gemm.PackedB packWindow(Tensor kernel) {
            return Gemm.pack(false, window.size() * channelsPerGroup, filters, kernel.data(), kernel.offset(), filters);
        }

        /** Each tap's and group's block of W {@code (cg, fg)}, packed as B, or as Bᵀ {@code (fg, cg)} when transposed. */
        Gemm.PackedB[] pack(Tensor kernel, boolean transposed) {
            Gemm.PackedB[] packed = new Gemm.PackedB[window.size() * groups];
            int cg = channelsPerGroup;
            int fg = filtersPerGroup;
            for (int j = 0; j < window.size(); j++) {
                for (int g = 0; g < groups; g++) {
                    int off = kernel.offset() + j * cg * filters + g * fg;
                    packed[j * groups + g] = transposed
                            ? Gemm.pack(true, fg, cg, kernel.data(), off, filters)
                            : Gemm.pack(false, cg, fg, kernel.data(), off, filters);
                }
            }
            return packed;
        }
    }
}
