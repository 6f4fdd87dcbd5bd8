package org.neurite.autograd;

import org.neurite.kernels.Gemm;
import org.neurite.kernels.Parallel;
import org.neurite.tensor.Shapes;
import org.neurite.tensor.Tensor;

/**
 * Every head's scaled dot-product attention in one op, forward and derivative rule together, for
 * training: the scores, the masked softmax and the product with the values of one (sequence,
 * key/value head) at a time, a block of query rows at a time, so that scores and their
 * gradients stay in the thread's caches instead of passing through memory as
 * {@code (batch·heads, Tq, Tv)} tensors between separate ops. Per sequence {@code b} and query head
 * {@code u} reading key/value head {@code j = u / r}:
 *
 * <pre>
 *   W_u = softmax(scale·Q_u·K_jᵀ, mask)     C_u = W_u·V_j
 *   dW_u = dC_u·V_jᵀ     dS_u = scale·W_u∘(dW_u − rowsum(dW_u∘W_u))
 *   dQ_u = dS_u·K_j      dK_j = Σ_u dS_uᵀ·Q_u      dV_j = Σ_u W_uᵀ·dC_u
 * </pre>
 *
 * <p>The weights {@code W} are kept for the backward pass (their one tensor); the scores and all
 * gradients of the scores and weights live only in a block buffer. Masks and fully masked rows behave
 * exactly as in {@link MaskedSoftmax}, row for row. The (sequence, key/value head) tasks are split
 * across the cores of {@link Parallel}, each whole on one thread with its query heads in order, so
 * results do not depend on the thread count. Dropout on the weights and returning them are not part
 * of this op: the layers compose {@link HeadProducts} and {@link MaskedSoftmax} for those, and that
 * composed path is this op's test oracle.
 *
 * <pre>{@code
 * // q (batch, Tq, heads·dim), k (batch, Tv, heads·dim), v (batch, Tv, heads·dv)
 * Variable context = FusedHeadAttention.attend(q, k, v, null, 2, 2, MaskedSoftmax.FullyMasked.UNIFORM, 0.125f);
 * }</pre>
 */
public final class FusedHeadAttention {
    /** Query rows per block forward: a block's scores (BLOCK x Tv floats) stay in L1/L2 between its products. */
    private static final int BLOCK = 32;
    /**
     * Query rows per block backward: larger, so that the sums over query rows, {@code dK_j} and
     * {@code dV_j}, are products as deep as the block (a 200-row sequence in one) rather than many
     * 32-deep products that each load and store all of {@code dK_j}; a block's gradients of the
     * weights ({@code 256 x Tv} floats, 208 KB for Tv = 200) still stay in L2.
     */
    private static final int BACKWARD_BLOCK = 256;

    private FusedHeadAttention() {
    }

    /**
     * The contexts {@code (batch, Tq, queryHeads·dv)} of a query {@code (batch, Tq, queryHeads·dim)}
     * attending to a key {@code (batch, Tv, kvHeads·dim)} and a value {@code (batch, Tv, kvHeads·dv)},
     * under {@code mask} {@code (batch, Tq, Tv)} (non-zero where attention is allowed) or none when
     * null, with the scores scaled by {@code scale} inside the softmax.
     *
     * @throws IllegalArgumentException if the shapes, head counts or mask do not fit together
     */
    public static Variable attend(Variable query, Variable key, Variable value, Tensor mask, int queryHeads,
                                  int kvHeads, MaskedSoftmax.FullyMasked fullyMasked, float scale) {
        Tensor q = query.value();
        Tensor k = key.value();
        Tensor v = value.value();
        check(q, k, v, mask, queryHeads, kvHeads, scale);
        Call c = new Call(new Part(q, 0), new Part(k, 0), new Part(v, 0), q.dim(2) / queryHeads, v.dim(2) / kvHeads,
                mask, queryHeads, kvHeads, fullyMasked, scale);
        return run(c, g -> {
            Gradients d = new Gradients(query.requiresGrad() ? new Part(q.emptyLike(), 0) : null,
                    key.requiresGrad() ? new Part(k.emptyLike(), 0) : null,
                    value.requiresGrad() ? new Part(v.emptyLike(), 0) : null);
            c.backward(g, d);
            return new Tensor[] {tensor(d.query), tensor(d.key), tensor(d.value)};
        }, query, key, value);
    }

    /**
     * {@link #attend} of a self-attention layer whose three projections are one product: the query,
     * key and value side by side in {@code packed} {@code (batch, T, queryHeads·dim + kvHeads·dim +
     * kvHeads·dv)}, in that order, read in place; the gradient is one tensor of the same layout, so the
     * projection's backward pass is one product too. The same results as {@link #attend} on the three
     * parts (its test twin).
     *
     * @throws IllegalArgumentException if the width of {@code packed}, the head counts or the mask do not fit
     */
    public static Variable attendPacked(Variable packed, int queryHeads, int kvHeads, int dim, int dv, Tensor mask,
                                        MaskedSoftmax.FullyMasked fullyMasked, float scale) {
        Tensor x = packed.value();
        int width = queryHeads * dim + kvHeads * (dim + dv);
        if (x.rank() != 3 || dim <= 0 || dv <= 0 || x.dim(2) != width) {
            throw new IllegalArgumentException("fusedHeadAttention: packed projections " + Shapes.toString(x.shape())
                    + " do not hold " + queryHeads + " query heads of " + dim + " and " + kvHeads
                    + " key/value heads of " + dim + " and " + dv + " (width " + width + ")");
        }
        if (queryHeads <= 0 || kvHeads <= 0 || queryHeads % kvHeads != 0) {
            throw new IllegalArgumentException("fusedHeadAttention: " + queryHeads + " query heads cannot share "
                    + kvHeads + " key/value heads");
        }
        checkMaskAndScale(mask, x.dim(0), x.dim(1), x.dim(1), scale);
        int keys = queryHeads * dim;
        int values = keys + kvHeads * dim;
        Call c = new Call(new Part(x, 0), new Part(x, keys), new Part(x, values), dim, dv, mask, queryHeads, kvHeads,
                fullyMasked, scale);
        return run(c, g -> {
            Tensor dx = x.emptyLike();   // every column is written: dQ per query head, dK and dV per kv head
            c.backward(g, new Gradients(new Part(dx, 0), new Part(dx, keys), new Part(dx, values)));
            return new Tensor[] {dx};
        }, packed);
    }

    /** The forward pass of {@code c}, recorded with {@code backward} as its derivative rule. */
    private static Variable run(Call c, Backward backward, Variable... inputs) {
        Tensor context = Tensor.empty(c.batch, c.tq, c.queryHeads * c.dv);
        c.weights = Tensor.empty(c.batch * c.queryHeads, c.tq, c.tv);
        Parallel.forRange(0, c.batch * c.kvHeads, 1, (from, to) -> {
            Work w = new Work(c);
            for (int t = from; t < to; t++) {
                c.forward(t / c.kvHeads, t % c.kvHeads, w, context);
            }
        });
        return Variable.result("fusedHeadAttention", context, backward, inputs);
    }

    private static Tensor tensor(Part part) {
        return part == null ? null : part.t();
    }

    /**
     * Heads laid side by side in {@code t} {@code (batch, time, width)} from column {@code column} on:
     * head {@code h} of {@code width} values at {@link #at}, rows {@link #ld} apart.
     */
    private record Part(Tensor t, int column) {
        /** Where head {@code h} (of width {@code width}) of sequence {@code b} starts. */
        int at(int b, int h, int width) {
            return t.offset() + b * t.dim(1) * t.dim(2) + column + h * width;
        }

        int ld() {
            return t.dim(2);
        }

        float[] data() {
            return t.data();
        }
    }

    /** The gradients wanted, each null when its input needs none. */
    private record Gradients(Part query, Part key, Part value) {
    }

    /** One call's inputs and sizes. */
    private static final class Call {
        final Part q;
        final Part k;
        final Part v;
        final Tensor mask;
        final int queryHeads;
        final int kvHeads;
        final int perGroup;
        final MaskedSoftmax.FullyMasked fullyMasked;
        final float scale;
        final int batch;
        final int tq;
        final int tv;
        final int dim;
        final int dv;

        /** The weights {@code (batch·queryHeads, Tq, Tv)}, made by the forward pass, kept for the backward. */
        Tensor weights;

        Call(Part q, Part k, Part v, int dim, int dv, Tensor mask, int queryHeads, int kvHeads,
             MaskedSoftmax.FullyMasked fullyMasked, float scale) {
            this.q = q;
            this.k = k;
            this.v = v;
            this.mask = mask;
            this.queryHeads = queryHeads;
            this.kvHeads = kvHeads;
            this.perGroup = queryHeads / kvHeads;
            this.fullyMasked = fullyMasked;
            this.scale = scale;
            batch = q.t().dim(0);
            tq = q.t().dim(1);
            tv = k.t().dim(1);
            this.dim = dim;
            this.dv = dv;
        }

        /** Sequence {@code b}, key/value head {@code j}: its query heads' weights and contexts. */
        void forward(int b, int j, Work w, Tensor context) {
            w.keys = Gemm.pack(true, dim, w.tvTiles, w.padded(k, b, j, dim), 0, dim, w.keys);            // K_jᵀ
            w.values = Gemm.pack(false, tv, dv, v.data(), v.at(b, j, dv), v.ld(), w.values);             // V_j
            int lds = w.tvTiles;
            for (int u = j * perGroup; u < (j + 1) * perGroup; u++) {
                int e = b * queryHeads + u;
                for (int i0 = 0; i0 < tq; i0 += BLOCK) {
                    int rows = Math.min(BLOCK, tq - i0);
                    Gemm.sgemmColumns(false, rows, 0, lds, q.data(), q.at(b, u, dim) + i0 * q.ld(), q.ld(),
                            w.keys, 0f, w.block, 0, lds);
                    int wo = weights.offset() + (e * tq + i0) * tv;
                    for (int i = 0; i < rows; i++) {
                        MaskedSoftmax.row(w.block, i * lds, weights.data(), wo + i * tv, maskData(), maskAt(b, i0 + i),
                                tv, fullyMasked, scale);
                    }
                    Gemm.sgemmColumns(false, rows, 0, dv, weights.data(), wo, tv, w.values, 0f, context.data(),
                            context.offset() + (b * tq + i0) * context.dim(2) + u * dv, context.dim(2));
                }
            }
        }

        /** Sequence {@code b}, key/value head {@code j}: dQ of its query heads, dK_j and dV_j summed over them. */
        /** Every (sequence, key/value head) task's gradients, split across the threads. */
        void backward(Tensor g, Gradients d) {
            Parallel.forRange(0, batch * kvHeads, 1, (from, to) -> {
                Work w = new Work(this);
                for (int t = from; t < to; t++) {
                    backward(t / kvHeads, t % kvHeads, w, g, d);
                }
            });
        }

        void backward(int b, int j, Work w, Tensor g, Gradients d) {
            w.values = Gemm.pack(true, dv, w.tvTiles, w.padded(v, b, j, dv), 0, dv, w.values);          // V_jᵀ
            if (d.query != null) {
                w.keys = Gemm.pack(false, tv, dim, k.data(), k.at(b, j, dim), k.ld(), w.keys);           // K_j
            }
            int lds = w.tvTiles;
            int ldg = g.dim(2);
            for (int u = j * perGroup; u < (j + 1) * perGroup; u++) {
                int e = b * queryHeads + u;
                for (int i0 = 0; i0 < tq; i0 += BACKWARD_BLOCK) {
                    int rows = Math.min(BACKWARD_BLOCK, tq - i0);
                    float beta = u == j * perGroup && i0 == 0 ? 0f : 1f;
                    int go = g.offset() + (b * tq + i0) * ldg + u * dv;
                    int wo = weights.offset() + (e * tq + i0) * tv;
                    if (d.value != null) {                                                    // dV_j += W_uᵀ·dC_u
                        w.rows = Gemm.pack(false, rows, dv, g.data(), go, ldg, w.rows);
                        Gemm.sgemmColumns(true, tv, 0, dv, weights.data(), wo, tv, w.rows, beta, d.value.data(),
                                d.value.at(b, j, dv), d.value.ld());
                    }
                    if (d.query == null && d.key == null) {
                        continue;
                    }
                    Gemm.sgemmColumns(false, rows, 0, lds, g.data(), go, ldg, w.values, 0f, w.block, 0, lds); // dW_u
                    for (int i = 0; i < rows; i++) {
                        MaskedSoftmax.rowBackward(weights.data(), wo + i * tv, w.block, i * lds, w.block, i * lds,
                                maskData(), maskAt(b, i0 + i), tv, fullyMasked, scale);                  // dS_u
                    }
                    if (d.query != null) {                                                    // dQ_u = dS_u·K_j
                        Gemm.sgemmColumns(false, rows, 0, dim, w.block, 0, lds, w.keys, 0f, d.query.data(),
                                d.query.at(b, u, dim) + i0 * d.query.ld(), d.query.ld());
                    }
                    if (d.key != null) {                                                      // dK_j += dS_uᵀ·Q_u
                        w.rows = Gemm.pack(false, rows, dim, q.data(), q.at(b, u, dim) + i0 * q.ld(), q.ld(), w.rows);
                        Gemm.sgemmColumns(true, tv, 0, dim, w.block, 0, lds, w.rows, beta, d.key.data(),
                                d.key.at(b, j, dim), d.key.ld());
                    }
                }
            }
        }

        private float[] maskData() {
            return mask == null ? null : mask.data();
        }

        private int maskAt(int b, int i) {
            return mask == null ? 0 : mask.offset() + (b * tq + i) * tv;
        }
    }

    /**
     * One thread's buffers: a block of scores (or of their gradients), a head's packed keys and values,
     * a packed block of rows, and a head copied with its rows rounded up to whole micro-kernel tiles
     * ({@code tvTiles}), the extra rows zero: a product against it then writes whole tiles only, and
     * the extra columns of the block are never read.
     */
    private static final class Work {
        final int tvTiles;
        final float[] block;
        final float[] head;
        Gemm.PackedB keys;
        Gemm.PackedB values;
        Gemm.PackedB rows;

        Work(Call c) {
            tvTiles = (c.tv + Gemm.tileColumns() - 1) / Gemm.tileColumns() * Gemm.tileColumns();
            block = new float[Math.min(Math.max(BLOCK, BACKWARD_BLOCK), c.tq) * tvTiles];
            head = new float[tvTiles * Math.max(c.dim, c.dv)];
        }

        /** Head {@code j} of sequence {@code b} of {@code x}, as {@code (tvTiles, width)} rows. */
        float[] padded(Part x, int b, int j, int width) {
            int time = x.t().dim(1);
            int from = x.at(b, j, width);
            for (int t = 0; t < time; t++) {
                System.arraycopy(x.data(), from + t * x.ld(), head, t * width, width);
            }
            java.util.Arrays.fill(head, time * width, tvTiles * width, 0f);
            return head;
        }
    }

    private static void check(Tensor q, Tensor k, Tensor v, Tensor mask, int queryHeads, int kvHeads, float scale) {
        boolean fits = q.rank() == 3 && k.rank() == 3 && v.rank() == 3 && queryHeads > 0 && kvHeads > 0
                && queryHeads % kvHeads == 0 && q.dim(0) == k.dim(0) && v.dim(0) == q.dim(0) && v.dim(1) == k.dim(1)
                && q.dim(2) % queryHeads == 0 && k.dim(2) % kvHeads == 0 && v.dim(2) % kvHeads == 0
                && q.dim(2) / queryHeads == k.dim(2) / kvHeads;
        if (!fits) {
            throw new IllegalArgumentException("fusedHeadAttention: query " + Shapes.toString(q.shape()) + " with "
                    + queryHeads + " heads, key " + Shapes.toString(k.shape()) + " and value "
                    + Shapes.toString(v.shape()) + " with " + kvHeads + " heads do not fit together");
        }
        checkMaskAndScale(mask, q.dim(0), q.dim(1), k.dim(1), scale);
    }

    private static void checkMaskAndScale(Tensor mask, int batch, int tq, int tv, float scale) {
        if (mask != null && (mask.rank() != 3 || mask.dim(0) != batch || mask.dim(1) != tq || mask.dim(2) != tv)) {
            throw new IllegalArgumentException("fusedHeadAttention: a mask " + Shapes.toString(mask.shape())
                    + " does not fit " + batch + " sequences of " + tq + " queries and " + tv + " keys");
        }
        if (!(scale > 0f) || Float.isInfinite(scale)) {
            throw new IllegalArgumentException("fusedHeadAttention: scale must be positive and finite, got " + scale);
        }
    }
}
