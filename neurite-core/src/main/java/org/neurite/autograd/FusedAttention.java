package org.neurite.autograd;

import org.neurite.kernels.Gemm;
import org.neurite.kernels.Parallel;
import org.neurite.tensor.Shapes;
import org.neurite.tensor.Tensor;

/**
 * Multi-head (and grouped-query) attention in one pass for inference, where no gradient is wanted:
 * the three projections, every head's scaled dot-product attention and the output projection of one
 * sequence at a time, in buffers of the thread's own that stay in its caches, sequences split across
 * the cores of {@link Parallel}. Per sequence, with {@code r} query heads per key/value head:
 *
 * <pre>
 *   Q = x_q·Wq + bq     K = x_k·Wk + bk     V = x_v·Wv + bv              (time, heads·dim)
 *   C_u = softmax(scale·Q_u·K_jᵀ, mask)·V_j     j = u / r               (Tq, dv) per query head u
 *   y = [C_0 … C_h-1]·Wo + bo                                             (Tq, out)
 * </pre>
 *
 * <p>The attention weights are never a tensor: for a block of {@link #BLOCK} query rows the scores
 * are computed, turned into weights in place ({@link MaskedSoftmax#row}, so masks and fully masked
 * rows behave exactly as there) and multiplied by {@code V_j} while they are in L1; each head's
 * {@code K_jᵀ} and {@code V_j} are packed once per sequence for all its blocks, and the weights once
 * per call. Nothing is recorded on the tape. Each sequence is computed whole on one thread, so results
 * do not depend on the thread count.
 *
 * <p>The composed twin, which the attention layers take when a gradient, the scores or dropout is
 * wanted, is {@link Fused#linear} for the projections, {@link HeadProducts} for the per-head
 * products and {@link MaskedSoftmax} between them (or {@link FusedHeadAttention} for those three in
 * training without dropout or scores); it is this op's test oracle.
 *
 * <pre>{@code
 * FusedAttention.Spec spec = new FusedAttention.Spec(new FusedAttention.Projection(wq, bq),
 *         new FusedAttention.Projection(wk, bk), new FusedAttention.Projection(wv, bv),
 *         new FusedAttention.Projection(wo, bo), 2, 2, MaskedSoftmax.FullyMasked.UNIFORM);
 * Tensor y = FusedAttention.attend(spec, x, x, x, null);    // (batch, time, out)
 * }</pre>
 */
public final class FusedAttention {
    /** Query rows attended together: their scores (BLOCK x Tv floats) stay in L1 between the two products. */
    private static final int BLOCK = 32;

    private FusedAttention() {
    }

    /**
     * A dense projection: {@code kernel} {@code (in, out)}, {@code bias} {@code (out)} or null.
     * Keras' per-head kernels {@code (in, heads, dim)} are this with {@code out = heads·dim}.
     */
    public record Projection(Tensor kernel, Tensor bias) {
    }

    /**
     * The layer: its four projections, {@code queryHeads} query heads sharing {@code kvHeads} key/value
     * heads, and what a query row that may attend to nothing gives.
     */
    public record Spec(Projection query, Projection key, Projection value, Projection output, int queryHeads,
                       int kvHeads, MaskedSoftmax.FullyMasked fullyMasked) {
    }

    /**
     * The attention output {@code (batch, Tq, out)} for a query {@code (batch, Tq, Fq)}, a key
     * {@code (batch, Tv, Fk)} and a value {@code (batch, Tv, Fv)}, under {@code mask}
     * {@code (batch, Tq, Tv)} (non-zero where attention is allowed) or none when null.
     *
     * @throws IllegalArgumentException if the shapes do not fit together
     */
    public static Tensor attend(Spec spec, Tensor query, Tensor key, Tensor value, Tensor mask) {
        Call call = new Call(spec, query, key, value, mask);
        Tensor y = Tensor.empty(call.batch, call.tq, call.out);
        Parallel.forRange(0, call.batch, 1, (from, to) -> {
            Work work = new Work(call);
            for (int b = from; b < to; b++) {
                call.sequence(b, work, y);
            }
        });
        return y;
    }

    /** One call's inputs, sizes and packed weights. */
    private static final class Call {
        final Spec spec;
        final Tensor query;
        final Tensor key;
        final Tensor value;
        final Tensor mask;
        final int batch;
        final int tq;
        final int tv;
        final int dim;
        final int dv;
        final int out;
        final float scale;
        final Gemm.PackedB wq;
        final Gemm.PackedB wk;
        final Gemm.PackedB wv;
        final Gemm.PackedB wo;

        Call(Spec spec, Tensor query, Tensor key, Tensor value, Tensor mask) {
            this.spec = spec;
            this.query = query;
            this.key = key;
            this.value = value;
            this.mask = mask;
            check(spec, query, key, value, mask);
            batch = query.dim(0);
            tq = query.dim(1);
            tv = key.dim(1);
            dim = spec.query.kernel.dim(1) / spec.queryHeads;
            dv = spec.value.kernel.dim(1) / spec.kvHeads;
            out = spec.output.kernel.dim(1);
            scale = (float) (1.0 / Math.sqrt(dim));
            wq = pack(spec.query.kernel);
            wk = pack(spec.key.kernel);
            wv = pack(spec.value.kernel);
            wo = pack(spec.output.kernel);
        }

        /** Sequence {@code b}: projections, every head, the output projection into {@code y}. */
        void sequence(int b, Work w, Tensor y) {
            project(query, b, wq, spec.query.bias, w.q);                      // (Tq, hq·dim)
            project(key, b, wk, spec.key.bias, w.k);                          // (Tv, hkv·dim)
            project(value, b, wv, spec.value.bias, w.v);                      // (Tv, hkv·dv)
            int perGroup = spec.queryHeads / spec.kvHeads;
            for (int j = 0; j < spec.kvHeads; j++) {
                w.keys = Gemm.pack(true, dim, w.tvTiles, w.k, j * dim, spec.kvHeads * dim, w.keys);   // K_jᵀ
                w.values = Gemm.pack(false, tv, dv, w.v, j * dv, spec.kvHeads * dv, w.values);    // V_j
                for (int u = j * perGroup; u < (j + 1) * perGroup; u++) {
                    head(b, u, w);
                }
            }
            int ldc = spec.queryHeads * dv;
            float[] yd = y.data();
            int yo = y.offset() + b * tq * out;
            float beta = fillBias(spec.output.bias, yd, yo, tq, out);
            Gemm.sgemmColumns(false, tq, 0, out, w.ctx, 0, ldc, wo, beta, yd, yo, out);   // (Tq, out)
        }

        /** Query head {@code u} of sequence {@code b}, a block of query rows at a time, into its columns of the contexts. */
        private void head(int b, int u, Work w) {
            int ldq = spec.queryHeads * dim;
            int ldc = spec.queryHeads * dv;
            float[] md = mask == null ? null : mask.data();
            for (int i0 = 0; i0 < tq; i0 += BLOCK) {
                int rows = Math.min(BLOCK, tq - i0);
                int lds = w.tvTiles;
                Gemm.sgemmColumns(false, rows, 0, lds, w.q, i0 * ldq + u * dim, ldq, w.keys, 0f, w.scores, 0, lds);
                for (int i = 0; i < rows; i++) {
                    int mo = md == null ? 0 : mask.offset() + (b * tq + i0 + i) * tv;
                    MaskedSoftmax.row(w.scores, i * lds, w.scores, i * lds, md, mo, tv, spec.fullyMasked, scale);
                }
                Gemm.sgemmColumns(false, rows, 0, dv, w.scores, 0, lds, w.values, 0f, w.ctx, i0 * ldc + u * dv, ldc);
            }
        }

        /** {@code dst (time, n) = x_b (time, in)·W + bias}. */
        private static void project(Tensor x, int b, Gemm.PackedB w, Tensor bias, float[] dst) {
            int time = x.dim(1);
            int in = x.dim(2);
            int n = w.columns();
            float beta = fillBias(bias, dst, 0, time, n);
            Gemm.sgemmColumns(false, time, 0, n, x.data(), x.offset() + b * time * in, in, w, beta, dst, 0, n);
        }

        /** Writes {@code bias} into each of {@code rows} rows and returns the GEMM's beta: 1 to add to it, 0 without one. */
        private static float fillBias(Tensor bias, float[] dst, int off, int rows, int n) {
            if (bias == null) {
                return 0f;
            }
            for (int r = 0; r < rows; r++) {
                System.arraycopy(bias.data(), bias.offset(), dst, off + r * n, n);
            }
            return 1f;
        }

        private static Gemm.PackedB pack(Tensor kernel) {
            return Gemm.pack(false, kernel.dim(0), kernel.dim(1), kernel.data(), kernel.offset(), kernel.dim(1));
        }
    }

    /**
     * One thread's buffers: one sequence's projections and contexts, a block of scores, a head's packed
     * K and V. The keys have {@code tvTiles} rows, Tv rounded up to whole micro-kernel tiles, the rows
     * past Tv staying zero: the score product then writes whole tiles only, and the extra columns of
     * the scores are never read.
     */
    private static final class Work {
        final int tvTiles;
        final float[] q;
        final float[] k;
        final float[] v;
        final float[] ctx;
        final float[] scores;
        Gemm.PackedB keys;
        Gemm.PackedB values;

        Work(Call c) {
            q = new float[c.tq * c.spec.queryHeads * c.dim];
            tvTiles = (c.tv + Gemm.tileColumns() - 1) / Gemm.tileColumns() * Gemm.tileColumns();
            k = new float[tvTiles * c.spec.kvHeads * c.dim];
            v = new float[c.tv * c.spec.kvHeads * c.dv];
            ctx = new float[c.tq * c.spec.queryHeads * c.dv];
            scores = new float[Math.min(BLOCK, c.tq) * tvTiles];
        }
    }

    private static void check(Spec spec, Tensor query, Tensor key, Tensor value, Tensor mask) {
        boolean ranks = query.rank() == 3 && key.rank() == 3 && value.rank() == 3;
        boolean fits = ranks && spec.queryHeads > 0 && spec.kvHeads > 0 && spec.queryHeads % spec.kvHeads == 0
                && key.dim(0) == query.dim(0) && value.dim(0) == query.dim(0) && value.dim(1) == key.dim(1)
                && fitsInput(spec.query, query) && fitsInput(spec.key, key) && fitsInput(spec.value, value)
                && spec.query.kernel.dim(1) % spec.queryHeads == 0 && spec.key.kernel.dim(1) % spec.kvHeads == 0
                && spec.value.kernel.dim(1) % spec.kvHeads == 0
                && spec.query.kernel.dim(1) / spec.queryHeads == spec.key.kernel.dim(1) / spec.kvHeads
                && spec.output.kernel.rank() == 2
                && spec.output.kernel.dim(0) == spec.value.kernel.dim(1) / spec.kvHeads * spec.queryHeads
                && fitsBias(spec.output)
                && (mask == null || mask.rank() == 3 && mask.dim(0) == query.dim(0) && mask.dim(1) == query.dim(1)
                        && mask.dim(2) == key.dim(1));
        if (!fits) {
            throw new IllegalArgumentException("fusedAttention: query " + Shapes.toString(query.shape()) + ", key "
                    + Shapes.toString(key.shape()) + ", value " + Shapes.toString(value.shape()) + " with kernels "
                    + Shapes.toString(spec.query.kernel.shape()) + ", " + Shapes.toString(spec.key.kernel.shape())
                    + ", " + Shapes.toString(spec.value.kernel.shape()) + ", "
                    + Shapes.toString(spec.output.kernel.shape()) + ", " + spec.queryHeads + " query heads, "
                    + spec.kvHeads + " key/value heads"
                    + (mask == null ? "" : " and mask " + Shapes.toString(mask.shape())) + " do not fit together");
        }
    }

    private static boolean fitsInput(Projection p, Tensor x) {
        return p.kernel.rank() == 2 && p.kernel.dim(0) == x.dim(2) && fitsBias(p);
    }

    private static boolean fitsBias(Projection p) {
        return p.bias == null || p.bias.size() == p.kernel.dim(1);
    }
}
