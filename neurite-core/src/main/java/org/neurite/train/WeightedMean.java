package org.neurite.train;

import org.neurite.autograd.Variable;
import org.neurite.tensor.Tensor;

/**
 * The reduction every loss ends with: the plain mean of its terms, or with sample weights Keras'
 * weighted {@code sum_over_batch_size}, {@code mean(w ⊙ terms)} with each sample's weight
 * broadcast over its terms. For terms {@code (batch, k)} that is {@code Σ_i w_i·mean_k(l_ik) / batch}.
 */
final class WeightedMean {
    private WeightedMean() {
    }

    static Variable of(String who, Variable terms, Tensor sampleWeights) {
        if (sampleWeights == null) {
            return terms.mean();
        }
        Tensor w = SampleWeights.broadcastable(who, sampleWeights, terms.shape());
        return terms.mul(Variable.constant(w)).mean();
    }
}
