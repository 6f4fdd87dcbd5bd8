package org.neurite.autograd;

import org.neurite.kernels.Kernels;
import org.neurite.kernels.MathKernels;
import org.neurite.kernels.Parallel;
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
    private static final MathKernels K = Kernels.math();

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
        for (int b = 0; b < batch; b++) {
            if (labels[b] < 0 || labels[b] >= classes) {
                throw new IllegalArgumentException("sparseSoftmaxCrossEntropy: label " + labels[b] + " at row " + b
                        + " is outside [0, " + classes + ")");
            }
        }
        // softmax(z), row by row while each row is in cache, on all cores: with a word vocabulary
        // the logits are the largest tensor of a step (a language model's 1,024 x 5,000).
        Tensor p = z.emptyLike();
        float[] zd = z.data();
        float[] pd = p.data();
        double[] rowLosses = new double[batch];
        Parallel.forRange(0, batch, rowsPerChunk(classes), (from, to) -> {
            for (int b = from; b < to; b++) {
                int zo = z.offset() + b * classes;
                K.logSoftmax(zd, zo, pd, b * classes, classes);
                rowLosses[b] = -(double) w[b] * pd[b * classes + labels[b]];
                K.exp(pd, b * classes, pd, b * classes, classes);
            }
        });
        double total = 0;
        for (double rowLoss : rowLosses) {
            total += rowLoss;
        }
        return Variable.result(Primitive.SPARSE_SOFTMAX_CROSS_ENTROPY, Tensor.scalar((float) (total / batch)), g -> {
            Tensor dz = p.emptyLike();
            float[] d = dz.data();
            float scale = g.item() / batch;
            Parallel.forRange(0, batch, rowsPerChunk(classes), (from, to) -> {
                for (int b = from; b < to; b++) {
                    float rowScale = w[b] * scale;
                    K.mulScalar(pd, b * classes, rowScale, d, b * classes, classes);
                    d[b * classes + labels[b]] -= rowScale;
                }
            });
            return new Tensor[] {dz};
        }, logits);
    }

    /** Rows per thread's chunk so that a chunk is worth a hand-off: some 64K elements. */
    private static int rowsPerChunk(int classes) {
        return Math.max(1, (1 << 16) / Math.max(1, classes));
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
