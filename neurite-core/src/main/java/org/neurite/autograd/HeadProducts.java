package org.neurite.autograd;

import org.neurite.kernels.Gemm;
import org.neurite.kernels.Parallel;
import org.neurite.kernels.RangeBody;
import org.neurite.tensor.Shapes;
import org.neurite.tensor.Tensor;

/**
 * The two per-head products of multi-head attention, read and written where the heads lie: the
 * projections stay {@code (batch, time, heads·dim)} as the dense layer wrote them, and each head is
 * a strided view of {@code dim} columns (row stride {@code heads·dim}), so no head is ever permuted
 * into a copy of its own. A fused op: forward and derivative rules together.
 *
 * <pre>
 *   scores  S_bu = Q_bu · K_bjᵀ      dQ_bu = dS_bu · K_bj        dK_bj = Σ_u dS_buᵀ · Q_bu
 *   context C_bu = W_bu · V_bj       dW_bu = dC_bu · V_bjᵀ       dV_bj = Σ_u W_buᵀ · dC_bu
 * </pre>
 *
 * <p>for batch entry {@code b}, query head {@code u} and its key/value head {@code j = u / r} (with
 * {@code r} query heads per key/value head, Keras' grouped-query attention; {@code r = 1} for
 * multi-head attention). The {@code batch·heads} products are split across the cores of
 * {@link Parallel}, each product whole on one thread (and a key/value head's sum over its query heads
 * too, in head order), so results do not depend on the thread count. The composed twin, a permute to
 * {@code (batch·heads, time, dim)} and a batched matmul, is the test oracle.
 *
 * <pre>{@code
 * Variable scores = HeadProducts.scores(q, k, heads, heads);          // (batch·heads, Tq, Tv)
 * Variable context = HeadProducts.context(weights, v, heads, heads);  // (batch, Tq, heads·dv)
 * }</pre>
 */
public final class HeadProducts {
    private HeadProducts() {
    }

    /**
     * The scores of every head: {@code (batch·queryHeads, Tq, Tv)} from a query
     * {@code (batch, Tq, queryHeads·dim)} and a key {@code (batch, Tv, kvHeads·dim)}.
     *
     * @throws IllegalArgumentException if the shapes or head counts do not fit together
     */
    public static Variable scores(Variable query, Variable key, int queryHeads, int kvHeads) {
        Tensor q = query.value();
        Tensor k = key.value();
        Heads h = Heads.of("headScores", q, k, queryHeads, kvHeads);
        int dim = q.dim(2) / queryHeads;
        int tq = q.dim(1);
        int tv = k.dim(1);
        Tensor s = Tensor.empty(h.batch * queryHeads, tq, tv);
        h.forEachQueryHead((b, u, e) -> Gemm.sgemm(false, true, tq, tv, dim,
                q.data(), h.atQuery(q, b, u), q.dim(2), k.data(), h.atKv(k, b, u / h.perGroup), k.dim(2),
                0f, s.data(), s.offset() + e * tq * tv, tv));
        return Variable.result("headScores", s, g -> new Tensor[] {
            query.requiresGrad() ? scoresQueryGradient(g, k, q, h) : null,
            key.requiresGrad() ? scoresKeyGradient(g, q, k, h) : null}, query, key);
    }

    /**
     * The contexts of every head, joined: {@code (batch, Tq, queryHeads·dv)} from the weights
     * {@code (batch·queryHeads, Tq, Tv)} and a value {@code (batch, Tv, kvHeads·dv)}.
     *
     * @throws IllegalArgumentException if the shapes or head counts do not fit together
     */
    public static Variable context(Variable weights, Variable value, int queryHeads, int kvHeads) {
        Tensor w = weights.value();
        Tensor v = value.value();
        Heads h = Heads.ofWeights(w, v, queryHeads, kvHeads);
        int dv = v.dim(2) / kvHeads;
        int tq = w.dim(1);
        int tv = w.dim(2);
        Tensor c = Tensor.empty(h.batch, tq, queryHeads * dv);
        h.forEachQueryHead((b, u, e) -> Gemm.sgemm(false, false, tq, dv, tv,
                w.data(), w.offset() + e * tq * tv, tv, v.data(), h.atKv(v, b, u / h.perGroup), v.dim(2),
                0f, c.data(), h.atQuery(c, b, u), c.dim(2)));
        return Variable.result("headContext", c, g -> new Tensor[] {
            weights.requiresGrad() ? contextWeightsGradient(g, v, w, h) : null,
            value.requiresGrad() ? contextValueGradient(g, w, v, h) : null}, weights, value);
    }

    // dQ_bu = dS_bu · K_bj: each head's columns of dQ written once.
    private static Tensor scoresQueryGradient(Tensor g, Tensor k, Tensor q, Heads h) {
        Tensor dq = Tensor.empty(q.shape());
        int tq = q.dim(1);
        int tv = k.dim(1);
        h.forEachQueryHead((b, u, e) -> Gemm.sgemm(false, false, tq, q.dim(2) / h.queryHeads, tv,
                g.data(), g.offset() + e * tq * tv, tv, k.data(), h.atKv(k, b, u / h.perGroup), k.dim(2),
                0f, dq.data(), h.atQuery(dq, b, u), dq.dim(2)));
        return dq;
    }

    // dK_bj = Σ_u dS_buᵀ · Q_bu over the query heads u of group j, in head order.
    private static Tensor scoresKeyGradient(Tensor g, Tensor q, Tensor k, Heads h) {
        Tensor dk = Tensor.empty(k.shape());
        int tq = q.dim(1);
        int tv = k.dim(1);
        h.forEachKvHead((b, j, u, e, first) -> Gemm.sgemm(true, false, tv, k.dim(2) / h.kvHeads, tq,
                g.data(), g.offset() + e * tq * tv, tv, q.data(), h.atQuery(q, b, u), q.dim(2),
                first ? 0f : 1f, dk.data(), h.atKv(dk, b, j), dk.dim(2)));
        return dk;
    }

    // dW_bu = dC_bu · V_bjᵀ.
    private static Tensor contextWeightsGradient(Tensor g, Tensor v, Tensor w, Heads h) {
        Tensor dw = Tensor.empty(w.shape());
        int tq = w.dim(1);
        int tv = w.dim(2);
        h.forEachQueryHead((b, u, e) -> Gemm.sgemm(false, true, tq, tv, v.dim(2) / h.kvHeads,
                g.data(), h.atQuery(g, b, u), g.dim(2), v.data(), h.atKv(v, b, u / h.perGroup), v.dim(2),
                0f, dw.data(), dw.offset() + e * tq * tv, tv));
        return dw;
    }

    // dV_bj = Σ_u W_buᵀ · dC_bu over the query heads u of group j, in head order.
    private static Tensor contextValueGradient(Tensor g, Tensor w, Tensor v, Heads h) {
        Tensor dv = Tensor.empty(v.shape());
        int tq = w.dim(1);
        int tv = w.dim(2);
        h.forEachKvHead((b, j, u, e, first) -> Gemm.sgemm(true, false, tv, v.dim(2) / h.kvHeads, tq,
                w.data(), w.offset() + e * tq * tv, tv, g.data(), h.atQuery(g, b, u), g.dim(2),
                first ? 0f : 1f, dv.data(), h.atKv(dv, b, j), dv.dim(2)));
        return dv;
    }

    /** The head layout of one call: batch size, head counts, and where a head's rows start. */
    private record Heads(int batch, int queryHeads, int kvHeads, int perGroup) {
        static Heads of(String op, Tensor q, Tensor k, int queryHeads, int kvHeads) {
            boolean fits = q.rank() == 3 && k.rank() == 3 && q.dim(0) == k.dim(0) && kvHeads > 0
                    && queryHeads % kvHeads == 0 && q.dim(2) % queryHeads == 0 && k.dim(2) % kvHeads == 0
                    && q.dim(2) / queryHeads == k.dim(2) / kvHeads;
            if (!fits) {
                throw new IllegalArgumentException(op + ": a query of shape " + Shapes.toString(q.shape())
                        + " with " + queryHeads + " heads does not fit a key of shape "
                        + Shapes.toString(k.shape()) + " with " + kvHeads + " heads");
            }
            return new Heads(q.dim(0), queryHeads, kvHeads, queryHeads / kvHeads);
        }

        static Heads ofWeights(Tensor w, Tensor v, int queryHeads, int kvHeads) {
            boolean fits = w.rank() == 3 && v.rank() == 3 && kvHeads > 0 && queryHeads % kvHeads == 0
                    && w.dim(0) == v.dim(0) * queryHeads && w.dim(2) == v.dim(1) && v.dim(2) % kvHeads == 0;
            if (!fits) {
                throw new IllegalArgumentException("headContext: weights of shape " + Shapes.toString(w.shape())
                        + " with " + queryHeads + " heads do not fit a value of shape "
                        + Shapes.toString(v.shape()) + " with " + kvHeads + " heads");
            }
            return new Heads(v.dim(0), queryHeads, kvHeads, queryHeads / kvHeads);
        }

        /** Where query head {@code u}'s first row starts in {@code x} {@code (batch, time, queryHeads·dim)}. */
        int atQuery(Tensor x, int b, int u) {
            return x.offset() + b * x.dim(1) * x.dim(2) + u * (x.dim(2) / queryHeads);
        }

        /** Where key/value head {@code j}'s first row starts in {@code x} {@code (batch, time, kvHeads·dim)}. */
        int atKv(Tensor x, int b, int j) {
            return x.offset() + b * x.dim(1) * x.dim(2) + j * (x.dim(2) / kvHeads);
        }

        /** Every (batch entry, query head) product, entry {@code e = b·queryHeads + u}, split across cores. */
        void forEachQueryHead(QueryHeadBody body) {
            split(batch * queryHeads, (from, to) -> {
                for (int e = from; e < to; e++) {
                    body.run(e / queryHeads, e % queryHeads, e);
                }
            });
        }

        /** Every (batch entry, key/value head), its query heads one after the other on one thread. */
        void forEachKvHead(KvHeadBody body) {
            split(batch * kvHeads, (from, to) -> {
                for (int i = from; i < to; i++) {
                    int b = i / kvHeads;
                    int j = i % kvHeads;
                    for (int t = 0; t < perGroup; t++) {
                        int u = j * perGroup + t;
                        body.run(b, j, u, b * queryHeads + u, t == 0);
                    }
                }
            });
        }

        // Fewer products than threads: one at a time, each split by the GEMM itself.
        private static void split(int count, RangeBody body) {
            if (count >= Parallel.threads()) {
                Parallel.forRange(0, count, 1, body);
            } else {
                body.run(0, count);
            }
        }
    }

    @FunctionalInterface
    private interface QueryHeadBody {
        void run(int b, int u, int e);
    }

    @FunctionalInterface
    private interface KvHeadBody {
        void run(int b, int j, int u, int e, boolean first);
    }
}
