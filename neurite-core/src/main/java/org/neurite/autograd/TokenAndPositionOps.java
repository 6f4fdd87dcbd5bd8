package org.neurite.autograd;

import org.neurite.kernels.Kernels;
import org.neurite.kernels.MathKernels;
import org.neurite.kernels.Parallel;
import org.neurite.tensor.Shapes;
import org.neurite.tensor.Tensor;

/**
 * Token plus position embeddings as one op, forward and derivative rule together:
 *
 * <pre>
 *   y[b, t, :] = tokens[ids[b·time + t], :] + positions[t, :]
 *   dTokens[id, :] = Σ over (b, t) with ids[b·time + t] = id of g[b, t, :]
 *   dPositions[t, :] = Σ_b g[b, t, :]   (zero for rows t >= time)
 * </pre>
 *
 * <p>Its composed twin, {@link Reshaping#gather} followed by a broadcast {@link Arithmetic#add} of the
 * position rows, made the gathered rows, then read them back to add the positions into a third
 * tensor, both passes on the calling thread, and summed the output gradient over the batch on one
 * thread too. Here each output row is written once, by bands of rows across {@link Parallel}'s
 * threads, and the position gradient is summed by bands of time steps, each step over the batch in
 * order, so results do not depend on the thread count. The outputs are those of the twin bit for bit;
 * the position gradient's sums are the same sums, which the twin may add in another order. The token
 * gradient goes, as the gather's does, straight into a leaf table's accumulated gradient, touching only
 * the looked-up rows.
 *
 * <pre>{@code
 * // tokens (vocabulary, dim), positions (maxlen, dim), ids: batch·time ids in [0, vocabulary)
 * Variable x = TokenAndPositionOps.embed(tokens, positions, ids, batch, time);   // (batch, time, dim)
 * }</pre>
 */
public final class TokenAndPositionOps {
    private static final MathKernels K = Kernels.math();
    /** Rows (or time steps) per parallel chunk, so that a thread's share outweighs handing it out. */
    private static final int MIN_ROWS = 256;

    private TokenAndPositionOps() {
    }

    /**
     * The embedded sequences {@code (batch, time, dim)}.
     *
     * @param tokens the token table {@code (vocabulary, dim)}
     * @param positions the position table {@code (maxlen, dim)}, of which the first {@code time} rows are used
     * @param ids {@code batch·time} row numbers of {@code tokens}, row-major, already checked by the caller
     * @throws IllegalArgumentException if the tables, ids and sizes do not fit together
     */
    public static Variable embed(Variable tokens, Variable positions, int[] ids, int batch, int time) {
        Tensor e = tokens.value();
        Tensor p = positions.value();
        check(e, p, ids, batch, time);
        int dim = e.dim(1);
        Tensor y = Tensor.empty(batch, time, dim);
        float[] yd = y.data();
        Parallel.forRange(0, batch * time, MIN_ROWS, (from, to) -> {
            for (int r = from; r < to; r++) {
                K.add(e.data(), e.offset() + ids[r] * dim, p.data(), p.offset() + (r % time) * dim, yd, r * dim, dim);
            }
        });
        return Variable.result("tokenAndPositionEmbedding", y, g -> new Tensor[] {
            tokens.requiresGrad() ? tokenGradient(tokens, ids, g, dim) : null,
            positions.requiresGrad() ? positionGradient(p, g, batch, time, dim) : null}, tokens, positions);
    }

    /** Scatter-added into a leaf table's gradient (and null returned), else a dense gradient of the table. */
    private static Tensor tokenGradient(Variable tokens, int[] ids, Tensor g, int dim) {
        Tensor rows = g.reshape(ids.length, dim);
        if (tokens.isLeaf()) {
            tokens.accumulateRows(ids, rows);
            return null;
        }
        Tensor dt = Tensor.zeros(tokens.shape());
        dt.scatterAddInPlace(ids, rows);
        return dt;
    }

    /** {@code Σ_b g[b, t, :]} for {@code t < time}, zeros below; bands of time steps across the threads. */
    private static Tensor positionGradient(Tensor p, Tensor g, int batch, int time, int dim) {
        Tensor dp = Tensor.zeros(p.shape());
        float[] out = dp.data();
        float[] gd = g.data();
        int go = g.offset();
        Parallel.forRange(0, time, Math.max(1, MIN_ROWS / Math.max(1, batch)), (from, to) -> {
            for (int t = from; t < to; t++) {
                for (int b = 0; b < batch; b++) {
                    K.add(out, t * dim, gd, go + (b * time + t) * dim, out, t * dim, dim);
                }
            }
        });
        return dp;
    }

    private static void check(Tensor e, Tensor p, int[] ids, int batch, int time) {
        if (e.rank() != 2 || p.rank() != 2 || e.dim(1) != p.dim(1) || time > p.dim(0) || batch < 0 || time < 0
                || ids.length != batch * time) {
            throw new IllegalArgumentException("tokenAndPositionEmbedding: a token table "
                    + Shapes.toString(e.shape()) + ", a position table "
                    + Shapes.toString(p.shape()) + " and " + ids.length + " ids do not fit "
                    + batch + " sequences of " + time + " steps");
        }
    }
}
