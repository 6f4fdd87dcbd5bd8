package org.neurite.autograd;

import org.neurite.tensor.Shapes;
import org.neurite.tensor.Tensor;

/**
 * Cross-entropy losses computed from logits in one numerically stable step, averaged over the
 * batch. Their gradients are the famous short forms: {@code (softmax(z) - t) / batch} and
 * {@code (sigmoid(z) - t) / n}. Composed twins (log-softmax and log-sigmoid built from primitives)
 * are their test oracles.
 *
 * <p>Each loss also comes weighted, one weight per row (or element), as Keras' sample weights with
 * the {@code sum_over_batch_size} reduction: {@code Σ_i w_i·l_i / n}, whose gradient is the short
 * form scaled by {@code w_i}. The weights only scale the stable per-row terms, so the weighted
 * forms are as stable as the plain ones.
 *
 * <pre>{@code
 * Variable loss = CrossEntropy.sparseSoftmaxCrossEntropy(logits, labels, Tensor.vector(1f, 5f));
 * }</pre>
 */
public final class CrossEntropy {
    private CrossEntropy() {
    }

    /**
     * Categorical cross-entropy of logits {@code (batch, classes)} against target distributions of
     * the same shape: {@code -mean_b Σ_c t·log softmax(z)}.
     */
    public static Variable softmaxCrossEntropy(Variable logits, Tensor targets) {
        return softmaxCrossEntropy(logits, targets, null);
    }

    /**
     * {@link #softmaxCrossEntropy(Variable, Tensor)} with one weight per row, {@code (batch)}:
     * {@code -Σ_b w_b Σ_c t·log softmax(z) / batch}; {@code null} weighs every row 1.
     */
    public static Variable softmaxCrossEntropy(Variable logits, Tensor targets, Tensor rowWeights) {
        Tensor z = logits.value();
        if (z.rank() != 2 || !z.sameShape(targets)) {
            throw new IllegalArgumentException("softmaxCrossEntropy: logits " + Shapes.toString(z.shape())
                    + " and targets " + Shapes.toString(targets.shape()) + " must both be (batch, classes)");
        }
        int batch = z.dim(0);
        Tensor w = rowWeights == null ? null : checkedWeights("softmaxCrossEntropy", rowWeights, batch).reshape(batch, 1);
        Tensor logP = z.logSoftmax();
        Tensor weightedTargets = w == null ? targets : targets.mul(w);
        float loss = -logP.mul(weightedTargets).sum().item() / batch;
        return Variable.result(Primitive.SOFTMAX_CROSS_ENTROPY, Tensor.scalar(loss), g -> {
            // d/dz of -w·Σ t·log softmax(z) is w·(softmax(z)·Σt - t).
            Tensor targetMass = weightedTargets.sum(1, true);
            Tensor dz = logP.exp().mul(targetMass).sub(weightedTargets).mul(g.item() / batch);
            return new Tensor[] {dz};
        }, logits);
    }

    /** Sparse categorical cross-entropy: like {@link #softmaxCrossEntropy} with integer class labels. */
    public static Variable sparseSoftmaxCrossEntropy(Variable logits, int[] labels) {
        return sparseSoftmaxCrossEntropy(logits, labels, null);
    }

    /**
     * {@link #sparseSoftmaxCrossEntropy(Variable, int[])} with one weight per row, {@code (batch)}:
     * {@code -Σ_b w_b·log softmax(z_b)[label_b] / batch}; {@code null} weighs every row 1.
     */
    public static Variable sparseSoftmaxCrossEntropy(Variable logits, int[] labels, Tensor rowWeights) {
        Tensor z = logits.value();
        if (z.rank() != 2 || z.dim(0) != labels.length) {
            throw new IllegalArgumentException("sparseSoftmaxCrossEntropy: logits " + Shapes.toString(z.shape())
                    + " do not fit " + labels.length + " labels");
        }
        int batch = z.dim(0);
        int classes = z.dim(1);
        float[] w = weightsOrOnes("sparseSoftmaxCrossEntropy", rowWeights, batch);
        Tensor logP = z.logSoftmax();
        float[] lp = logP.data();
        double total = 0;
        for (int b = 0; b < batch; b++) {
            if (labels[b] < 0 || labels[b] >= classes) {
                throw new IllegalArgumentException("sparseSoftmaxCrossEntropy: label " + labels[b] + " at row " + b
                        + " is outside [0, " + classes + ")");
            }
            total -= (double) w[b] * lp[b * classes + labels[b]];
        }
        return Variable.result(Primitive.SPARSE_SOFTMAX_CROSS_ENTROPY, Tensor.scalar((float) (total / batch)), g -> {
            Tensor dz = logP.exp();
            float[] d = dz.data();
            float scale = g.item() / batch;
            for (int b = 0; b < batch; b++) {
                d[b * classes + labels[b]] -= 1f;
                for (int c = 0; c < classes; c++) {
                    d[b * classes + c] *= w[b] * scale;
                }
            }
            return new Tensor[] {dz};
        }, logits);
    }

    /**
     * Binary cross-entropy of logits against targets in {@code [0, 1]} of the same shape, averaged
     * over all elements: {@code max(z, 0) - z·t + log(1 + exp(-|z|))}, which never overflows.
     */
    public static Variable sigmoidBinaryCrossEntropy(Variable logits, Tensor targets) {
        return sigmoidBinaryCrossEntropy(logits, targets, null);
    }

    /**
     * {@link #sigmoidBinaryCrossEntropy(Variable, Tensor)} with one weight per element, shaped like
     * the logits: {@code Σ_i w_i·(max(z, 0) - z·t + log(1 + exp(-|z|))) / n}; {@code null} weighs
     * every element 1.
     */
    public static Variable sigmoidBinaryCrossEntropy(Variable logits, Tensor targets, Tensor weights) {
        Tensor z = logits.value();
        if (!z.sameShape(targets)) {
            throw new IllegalArgumentException("sigmoidBinaryCrossEntropy: logits " + Shapes.toString(z.shape())
                    + " and targets " + Shapes.toString(targets.shape()) + " differ");
        }
        int n = z.size();
        float[] w = weightsOrOnes("sigmoidBinaryCrossEntropy", weights, n);
        float[] zd = z.data();
        float[] td = targets.data();
        double total = 0;
        for (int i = 0; i < n; i++) {
            float v = zd[z.offset() + i];
            total += w[i] * (Math.max(v, 0) - v * td[targets.offset() + i] + Math.log1p(Math.exp(-Math.abs(v))));
        }
        Tensor scale = weights == null ? null : Tensor.of(w, z.shape());
        return Variable.result(Primitive.SIGMOID_BINARY_CROSS_ENTROPY, Tensor.scalar((float) (total / n)), g -> {
            Tensor dz = z.sigmoid().sub(targets).mul(g.item() / n);
            return new Tensor[] {scale == null ? dz : dz.mul(scale)};
        }, logits);
    }

    /** The weights' values, checked to be {@code n} finite numbers; all ones for {@code null}. */
    private static float[] weightsOrOnes(String op, Tensor weights, int n) {
        if (weights == null) {
            float[] ones = new float[n];
            java.util.Arrays.fill(ones, 1f);
            return ones;
        }
        Tensor w = checkedWeights(op, weights, n);
        return java.util.Arrays.copyOfRange(w.data(), w.offset(), w.offset() + n);
    }

    private static Tensor checkedWeights(String op, Tensor weights, int n) {
        if (weights.size() != n) {
            throw new IllegalArgumentException(op + ": " + n + " weights expected, got " + weights.size()
                    + " " + Shapes.toString(weights.shape()));
        }
        return weights;
    }
}
