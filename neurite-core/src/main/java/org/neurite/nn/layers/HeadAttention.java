package org.neurite.nn.layers;

import org.neurite.autograd.Autograd;
import org.neurite.autograd.Fused;
import org.neurite.autograd.FusedActivation;
import org.neurite.autograd.FusedAttention;
import org.neurite.autograd.FusedHeadAttention;
import org.neurite.autograd.HeadProducts;
import org.neurite.autograd.MaskedSoftmax;
import org.neurite.autograd.Reshaping;
import org.neurite.autograd.Variable;
import org.neurite.kernels.Parallel;
import org.neurite.nn.Parameter;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;

/**
 * The computation shared by {@link MultiHeadAttention} and {@link GroupedQueryAttention}, composed
 * from the tape's operations: per-head projections with Keras' einsum kernels, scaled dot-product
 * attention over {@code (batch × heads)} products, and the output projection.
 *
 * <p>The projections stay as the dense products wrote them, {@code (batch, time, heads·dim)}, and
 * {@link HeadProducts} reads each head in place as a strided view, so no head is permuted into a copy.
 * With grouped heads ({@code r} query heads per key/value head, query head {@code u} reading key/value
 * head {@code u / r} as Keras' {@code repeat} does) the keys and values are never copied either. The
 * {@code 1/sqrt(dim)} scale is applied inside the softmax rather than to the query.
 *
 * <p>Where no gradient, no scores and no dropout are wanted (prediction), {@link #layer} takes
 * {@link FusedAttention} instead, one op over whole sequences that keeps every intermediate in the
 * caches; the composed path here is its twin. In training without dropout on the weights and without
 * the scores, the scores, masked softmax and context products are one op, {@link FusedHeadAttention},
 * between the composed projections; the composed products are its twin too. In self-attention (one
 * tensor as query, key and value) the three projections are then one product
 * ({@link #packedSelfAttention}).
 */
final class HeadAttention {
    private HeadAttention() {
    }

    /** The four projections of a layer, Keras' kernels {@code (in, heads, dim)} and {@code (heads, dim, out)}; biases may be null. */
    record Weights(Parameter queryKernel, Parameter queryBias, Parameter keyKernel, Parameter keyBias,
                   Parameter valueKernel, Parameter valueBias, Parameter outputKernel, Parameter outputBias) {
        private Parameter[] all() {
            return new Parameter[] {queryKernel, queryBias, keyKernel, keyBias, valueKernel, valueBias, outputKernel,
                outputBias};
        }
    }

    /**
     * The whole layer: projections, attention and the output projection {@code (batch, Tq, out)}, with
     * the weights {@code (batch, queryHeads, Tq, Tv)} when {@code withScores}. Fused when
     * nothing on the tape is wanted and there are at least as many sequences as threads (the fused op
     * splits the batch across cores; the composed one splits each product).
     */
    static AttentionResult layer(Variable query, Variable key, Variable value, Weights w, int queryHeads,
                                 int kvHeads, Tensor mask, float dropout, Rng rng, boolean training,
                                 boolean withScores) {
        MaskedSoftmax.FullyMasked fullyMasked = fullyMasked(withScores, dropout);
        boolean dropping = training && dropout > 0f;
        if (!withScores && !dropping && !needsGradient(w, query, key, value)
                && query.shape()[0] >= Parallel.threads()) {
            FusedAttention.Spec spec = new FusedAttention.Spec(inputProjection(w.queryKernel(), w.queryBias()),
                    inputProjection(w.keyKernel(), w.keyBias()), inputProjection(w.valueKernel(), w.valueBias()),
                    outputProjection(w.outputKernel(), w.outputBias()), queryHeads, kvHeads, fullyMasked);
            return new AttentionResult(Variable.constant(
                    FusedAttention.attend(spec, query.value(), key.value(), value.value(), mask)), null);
        }
        if (packs(query, key, value, w, queryHeads, kvHeads, withScores, dropping)) {
            Variable context = packedSelfAttention(query, w, queryHeads, kvHeads, mask, fullyMasked);
            return new AttentionResult(output(context, w.outputKernel(), w.outputBias()), null);   // (b, Tq, out)
        }
        AttentionResult heads = attend(
                project(query, w.queryKernel(), w.queryBias()),      // (b, Tq, hq·dim)
                project(key, w.keyKernel(), w.keyBias()),            // (b, Tv, hkv·dim)
                project(value, w.valueKernel(), w.valueBias()),      // (b, Tv, hkv·dv)
                queryHeads, kvHeads, mask, fullyMasked, dropout, rng, training, withScores);
        Variable output = output(heads.output(), w.outputKernel(), w.outputBias());   // (b, Tq, out)
        return new AttentionResult(output, heads.scores());
    }

    /**
     * Whether the three projections can be one product, {@link #packedSelfAttention}: self-attention
     * (the query is the key and the value) that takes {@link FusedHeadAttention}, with biases on all
     * three projections or on none.
     */
    private static boolean packs(Variable query, Variable key, Variable value, Weights w, int queryHeads,
                                 int kvHeads, boolean withScores, boolean dropping) {
        boolean biases = w.queryBias() != null;
        return query == value && (key == null || key == value) && !withScores && !dropping
                && query.shape()[0] * kvHeads >= Parallel.threads()
                && (w.keyBias() != null) == biases && (w.valueBias() != null) == biases;
    }

    /**
     * The contexts {@code (batch, T, queryHeads·dv)} of self-attention with the query, key and value
     * projections as one product against their kernels side by side, {@code (in, hq·dim + hkv·dim +
     * hkv·dv)}: the input is read once, its gradient is one product instead of three products and
     * two additions, and the weights' gradients one product each way. The separate projections of
     * {@link #layer} are its test twin.
     */
    private static Variable packedSelfAttention(Variable x, Weights w, int queryHeads, int kvHeads, Tensor mask,
                                                MaskedSoftmax.FullyMasked fullyMasked) {
        int[] s = x.shape();
        int features = s[2];
        int dim = w.queryKernel().value().dim(2);
        int dv = w.valueKernel().value().dim(2);
        int width = queryHeads * dim + kvHeads * (dim + dv);
        Variable kernel = Reshaping.concat(1, w.queryKernel().variable().reshape(features, queryHeads * dim),
                w.keyKernel().variable().reshape(features, kvHeads * dim),
                w.valueKernel().variable().reshape(features, kvHeads * dv));               // (in, width)
        Variable bias = w.queryBias() == null ? null : Reshaping.concat(0,
                w.queryBias().variable().reshape(queryHeads * dim), w.keyBias().variable().reshape(kvHeads * dim),
                w.valueBias().variable().reshape(kvHeads * dv));                           // (width)
        Variable packed = Fused.linear(x.reshape(s[0] * s[1], features), kernel, bias, FusedActivation.LINEAR)
                .reshape(s[0], s[1], width);                                               // (b, T, width)
        return FusedHeadAttention.attendPacked(packed, queryHeads, kvHeads, dim, dv, mask, fullyMasked,
                (float) (1.0 / Math.sqrt(dim)));                                           // (b, T, hq·dv)
    }

    private static boolean needsGradient(Weights w, Variable... inputs) {
        if (!Autograd.isRecording()) {
            return false;
        }
        for (Variable input : inputs) {
            if (input.requiresGrad()) {
                return true;
            }
        }
        for (Parameter p : w.all()) {
            if (p != null && p.variable().requiresGrad()) {
                return true;
            }
        }
        return false;
    }

    /** An input projection: Keras' kernel {@code (in, heads, dim)} as the dense {@code (in, heads·dim)} it is. */
    private static FusedAttention.Projection inputProjection(Parameter kernel, Parameter bias) {
        Tensor k = kernel.value();
        return new FusedAttention.Projection(k.reshape(k.dim(0), k.dim(1) * k.dim(2)), flat(bias));
    }

    /** The output projection: Keras' kernel {@code (heads, dim, out)} as the dense {@code (heads·dim, out)} it is. */
    private static FusedAttention.Projection outputProjection(Parameter kernel, Parameter bias) {
        Tensor k = kernel.value();
        return new FusedAttention.Projection(k.reshape(k.dim(0) * k.dim(1), k.dim(2)), flat(bias));
    }

    private static Tensor flat(Parameter bias) {
        return bias == null ? null : bias.value().reshape(bias.value().size());
    }

    /**
     * {@code x (batch, time, features) · kernel (features, heads, dim) + bias (heads, dim)}, Keras'
     * {@code EinsumDense("btf,fhd->bthd")}, laid out as {@code (batch, time, heads·dim)}.
     */
    private static Variable project(Variable x, Parameter kernel, Parameter bias) {
        int[] s = x.shape();
        int features = s[2];
        int heads = kernel.value().dim(1);
        int dim = kernel.value().dim(2);
        Variable y = Fused.linear(x.reshape(s[0] * s[1], features), kernel.variable().reshape(features, heads * dim),
                bias == null ? null : bias.variable().reshape(heads * dim), FusedActivation.LINEAR);   // (b·t, h·d)
        return y.reshape(s[0], s[1], heads * dim);
    }

    /**
     * The heads' contexts {@code (batch, time, heads·dim)} projected:
     * {@code (batch, time, heads, dim) · kernel (heads, dim, out) + bias (out)}, Keras'
     * {@code EinsumDense("bthd,hdo->bto")}.
     */
    private static Variable output(Variable context, Parameter kernel, Parameter bias) {
        int heads = kernel.value().dim(0);
        int dim = kernel.value().dim(1);
        int out = kernel.value().dim(2);
        int batch = context.shape()[0];
        int time = context.shape()[1];
        Variable joined = context.reshape(batch * time, heads * dim);                                   // (b·t, h·d)
        Variable y = Fused.linear(joined, kernel.variable().reshape(heads * dim, out),
                bias == null ? null : bias.variable(), FusedActivation.LINEAR);
        return y.reshape(batch, time, out);
    }

    /**
     * Scaled dot-product attention: {@code softmax(q·kᵀ / sqrt(dim), mask) · v} per head.
     *
     * @param query {@code (batch, Tq, queryHeads·dim)}
     * @param key {@code (batch, Tv, kvHeads·dim)}
     * @param value {@code (batch, Tv, kvHeads·valueDim)}
     * @param mask {@code (batch, Tq, Tv)}, 1 where attention is allowed, or null
     * @return the contexts {@code (batch, Tq, queryHeads·valueDim)} and, when {@code withScores}, the
     *     weights {@code (batch, queryHeads, Tq, Tv)} before dropout. Without scores or dropout the
     *     three steps are one op, {@link FusedHeadAttention}, when there are at least as many
     *     (sequence, key/value head) tasks as threads; this composed path is its twin.
     */
    private static AttentionResult attend(Variable query, Variable key, Variable value, int queryHeads, int kvHeads,
                                  Tensor mask, MaskedSoftmax.FullyMasked fullyMasked, float dropout, Rng rng,
                                  boolean training, boolean withScores) {
        int batch = query.shape()[0];
        int tq = query.shape()[1];
        int dim = query.shape()[2] / queryHeads;
        int tv = key.shape()[1];
        float scale = (float) (1.0 / Math.sqrt(dim));
        boolean dropping = training && dropout > 0f;
        if (!withScores && !dropping && batch * kvHeads >= Parallel.threads()) {
            return new AttentionResult(FusedHeadAttention.attend(query, key, value, mask, queryHeads, kvHeads,
                    fullyMasked, scale), null);
        }
        Variable scores = HeadProducts.scores(query, key, queryHeads, kvHeads);                   // (b·h, Tq, Tv)
        Variable weights = MaskedSoftmax.softmax(scores, mask, queryHeads, fullyMasked, scale);
        Variable dropped = dropping ? AttentionDropout.apply(weights, dropout, rng) : weights;
        Variable context = HeadProducts.context(dropped, value, queryHeads, kvHeads);               // (b, Tq, h·dv)
        return new AttentionResult(context, weights.reshape(batch, queryHeads, tq, tv));
    }

    /**
     * How Keras treats a query step that may attend to nothing (a padded query, or all keys padded):
     * its softmax gives zeros when the scores are returned or dropout is set, and uniform weights on
     * the fused path it takes otherwise ({@code dot_product_attention}).
     */
    private static MaskedSoftmax.FullyMasked fullyMasked(boolean withScores, float dropout) {
        return withScores || dropout > 0f ? MaskedSoftmax.FullyMasked.ZEROS : MaskedSoftmax.FullyMasked.UNIFORM;
    }
}
