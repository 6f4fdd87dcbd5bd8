package org.neurite.autograd;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.testing.TestTensors;
import org.neurite.testing.Tolerances;

/**
 * The fused inference attention against its composed twin: the dense projections
 * ({@link Fused#linear}), the per-head products ({@link HeadProducts}) and the masked softmax
 * between them, as the attention layers compute when a gradient is wanted. Shapes cover query
 * blocks that do not divide the sequence, keys longer and shorter than the queries, grouped heads,
 * value heads of another width, no biases, and every kind of mask.
 */
class FusedAttentionTest {
    private static final int BATCH = 3;
    private static final int FEATURES = 7;
    private final Rng rng = new Rng(11);

    @ParameterizedTest(name = "{0} query heads over {1} key/value heads, dim {2}, value dim {3}, Tq {4}, Tv {5}")
    @CsvSource({"2, 2, 32, 32, 70, 70", "4, 2, 8, 8, 37, 45", "3, 1, 5, 6, 33, 20", "1, 1, 16, 9, 1, 3"})
    void matchesItsComposedTwinWithoutAMask(int queryHeads, int kvHeads, int dim, int valueDim, int tq, int tv) {
        Case c = new Case(queryHeads, kvHeads, dim, valueDim, tq, tv, true);
        assertAgree(c, null, MaskedSoftmax.FullyMasked.UNIFORM);
    }

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"PADDING, UNIFORM", "PADDING, ZEROS", "CAUSAL_AND_PADDING, UNIFORM", "SCATTERED, ZEROS",
        "SCATTERED, UNIFORM"})
    void matchesItsComposedTwinUnderMasks(MaskKind kind, MaskedSoftmax.FullyMasked fullyMasked) {
        Case c = new Case(4, 2, 8, 8, 41, 41, true);
        assertAgree(c, kind.mask(c.tq, c.tv), fullyMasked);
    }

    @Test
    void matchesItsComposedTwinWithoutBiases() {
        Case c = new Case(2, 2, 16, 16, 35, 35, false);
        assertAgree(c, MaskKind.PADDING.mask(c.tq, c.tv), MaskedSoftmax.FullyMasked.UNIFORM);
    }

    @Test
    void refusesShapesThatDoNotFit() {
        Case c = new Case(2, 2, 4, 4, 5, 6, true);
        Tensor narrowKey = Tensor.zeros(BATCH, 6, FEATURES);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FusedAttention.attend(
                c.spec(MaskedSoftmax.FullyMasked.UNIFORM), c.query, narrowKey, c.value, null));
        assertTrue(e.getMessage().startsWith("fusedAttention:") && e.getMessage().contains("key [3, 6, 7]"),
                e.getMessage());
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class, () -> FusedAttention.attend(
                c.spec(MaskedSoftmax.FullyMasked.UNIFORM), c.query, c.key, c.value, Tensor.ones(BATCH, 5, 5)));
        assertTrue(m.getMessage().contains("mask [3, 5, 5]"), m.getMessage());
    }

    private static void assertAgree(Case c, Tensor mask, MaskedSoftmax.FullyMasked fullyMasked) {
        Tensor fused = FusedAttention.attend(c.spec(fullyMasked), c.query, c.key, c.value, mask);
        Tensor composed = c.composed(mask, fullyMasked);
        assertTrue(fused.allClose(composed, Tolerances.REORDERED_SUMS), "fused " + fused + " composed " + composed);
    }

    /** Masks {@code (batch, Tq, Tv)} of each kind the layers make, with fully masked rows among them. */
    enum MaskKind {
        /** Entry b keeps its first keys and queries; the last entry's last queries keep nothing. */
        PADDING,
        /** The causal mask and padding of the keys together. */
        CAUSAL_AND_PADDING,
        /** Every third key dropped, one row dropped entirely. */
        SCATTERED;

        Tensor mask(int tq, int tv) {
            Tensor m = Tensor.zeros(BATCH, tq, tv);
            for (int b = 0; b < BATCH; b++) {
                int keys = tv - 3 * b;
                int queries = tq - 5 * b;
                for (int i = 0; i < tq; i++) {
                    for (int j = 0; j < tv; j++) {
                        boolean keep = switch (this) {
                            case PADDING -> j < keys && i < queries;
                            case CAUSAL_AND_PADDING -> j <= i && j < keys;
                            case SCATTERED -> j % 3 != 1 && i != 2;
                        };
                        m.data()[(b * tq + i) * tv + j] = keep ? 1f : 0f;
                    }
                }
            }
            return m;
        }
    }

    /** One layer's weights and inputs, and the composed computation. */
    private final class Case {
        final int queryHeads;
        final int kvHeads;
        final int tq;
        final int tv;
        final Tensor query;
        final Tensor key;
        final Tensor value;
        final Tensor[] kernels;
        final Tensor[] biases;

        Case(int queryHeads, int kvHeads, int dim, int valueDim, int tq, int tv, boolean biased) {
            this.queryHeads = queryHeads;
            this.kvHeads = kvHeads;
            this.tq = tq;
            this.tv = tv;
            query = TestTensors.normal(rng, BATCH, tq, FEATURES);
            key = TestTensors.normal(rng, BATCH, tv, FEATURES + 1);
            value = TestTensors.normal(rng, BATCH, tv, FEATURES + 2);
            int[] outs = {queryHeads * dim, kvHeads * dim, kvHeads * valueDim, FEATURES};
            int[] ins = {FEATURES, FEATURES + 1, FEATURES + 2, queryHeads * valueDim};
            kernels = new Tensor[4];
            biases = new Tensor[4];
            for (int i = 0; i < 4; i++) {
                kernels[i] = TestTensors.normal(rng, ins[i], outs[i]);
                biases[i] = biased ? TestTensors.normal(rng, outs[i]) : null;
            }
        }

        FusedAttention.Spec spec(MaskedSoftmax.FullyMasked fullyMasked) {
            return new FusedAttention.Spec(projection(0), projection(1), projection(2), projection(3), queryHeads,
                    kvHeads, fullyMasked);
        }

        private FusedAttention.Projection projection(int i) {
            return new FusedAttention.Projection(kernels[i], biases[i]);
        }

        /** Projections, per-head products and the masked softmax, each an op of its own. */
        Tensor composed(Tensor mask, MaskedSoftmax.FullyMasked fullyMasked) {
            Variable q = linear(query, 0);
            Variable k = linear(key, 1);
            Variable v = linear(value, 2);
            int dim = q.shape()[2] / queryHeads;
            Variable scores = HeadProducts.scores(q, k, queryHeads, kvHeads);
            Variable weights = MaskedSoftmax.softmax(scores, mask, queryHeads, fullyMasked,
                    (float) (1.0 / Math.sqrt(dim)));
            Variable context = HeadProducts.context(weights, v, queryHeads, kvHeads);
            return linear(context.value(), 3).value();
        }

        private Variable linear(Tensor x, int i) {
            int[] s = x.shape();
            Variable y = Fused.linear(Variable.constant(x.reshape(s[0] * s[1], s[2])), Variable.constant(kernels[i]),
                    biases[i] == null ? null : Variable.constant(biases[i]), FusedActivation.LINEAR);
            return y.reshape(s[0], s[1], kernels[i].dim(1));
        }
    }
}
