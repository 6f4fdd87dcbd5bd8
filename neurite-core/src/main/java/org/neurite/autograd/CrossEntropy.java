package org.neurite.autograd;

import org.neurite.tensor.Shapes;
import org.neurite.tensor.Tensor;

/**
 * Cross-entropy losses computed from logits in one numerically stable step, averaged over the
 * batch. Their gradients are the famous short forms: {@code (softmax(z) - t) / batch} and
 * {@code (sigmoid(z) - t) / n}. Composed twins (log-softmax and log-sigmoid built from primitives)
 * are their test oracles.
 */
public final class CrossEntropy {
    private CrossEntropy() {
    }

    /**
     * Categorical cross-entropy of logits {@code (batch, classes)} against target distributions of
     * the same shape: {@code -mean_b Σ_c t·log softmax(z)}.
     */
    public static Variable softmaxCrossEntropy(Variable logits, Tensor targets) {
        Tensor z = logits.value();
        if (z.rank() != 2 || !z.sameShape(targets)) {
            throw new IllegalArgumentException("softmaxCrossEntropy: logits " + Shapes.toString(z.shape())
                    + " and targets " + Shapes.toString(targets.shape()) + " must both be (batch, classes)");
        }
        Tensor logP = z.logSoftmax();
        int batch = z.dim(0);
        float loss = -logP.mul(targets).sum().item() / batch;
        return Variable.result("softmaxCrossEntropy", Tensor.scalar(loss), g -> {
            // d/dz of -Σ t·log softmax(z) is softmax(z)·Σt - t.
            Tensor targetMass = targets.sum(1, true);
            Tensor dz = logP.exp().mul(targetMass).sub(targets).mul(g.item() / batch);
            return new Tensor[] {dz};
        }, logits);
    }

    /** Sparse categorical cross-entropy: like {@link #softmaxCrossEntropy} with integer class labels. */
    public static Variable sparseSoftmaxCrossEntropy(Variable logits, int[] labels) {
        Tensor z = logits.value();
        if (z.rank() != 2 || z.dim(0) != labels.length) {
            throw new IllegalArgumentException("sparseSoftmaxCrossEntropy: logits " + Shapes.toString(z.shape())
                    + " do not fit " + labels.length + " labels");
        }
        int batch = z.dim(0);
        int classes = z.dim(1);
        Tensor logP = z.logSoftmax();
        float[] lp = logP.data();
        double total = 0;
        for (int b = 0; b < batch; b++) {
            if (labels[b] < 0 || labels[b] >= classes) {
                throw new IllegalArgumentException("sparseSoftmaxCrossEntropy: label " + labels[b] + " at row " + b
                        + " is outside [0, " + classes + ")");
            }
            total -= lp[b * classes + labels[b]];
        }
        return Variable.result("sparseSoftmaxCrossEntropy", Tensor.scalar((float) (total / batch)), g -> {
            Tensor dz = logP.exp();
            float[] d = dz.data();
            for (int b = 0; b < batch; b++) {
                d[b * classes + labels[b]] -= 1f;
            }
            return new Tensor[] {dz.mulInPlace(g.item() / batch)};
        }, logits);
    }

    /**
     * Binary cross-entropy of logits against targets in {@code [0, 1]} of the same shape, averaged
     * over all elements: {@code max(z, 0) - z·t + log(1 + exp(-|z|))}, which never overflows.
     */
    public static Variable sigmoidBinaryCrossEntropy(Variable logits, Tensor targets) {
        Tensor z = logits.value();
        if (!z.sameShape(targets)) {
            throw new IllegalArgumentException("sigmoidBinaryCrossEntropy: logits " + Shapes.toString(z.shape())
                    + " and targets " + Shapes.toString(targets.shape()) + " differ");
        }
        float[] zd = z.data();
        float[] td = targets.data();
        double total = 0;
        for (int i = 0; i < z.size(); i++) {
            float v = zd[z.offset() + i];
            total += Math.max(v, 0) - v * td[targets.offset() + i] + Math.log1p(Math.exp(-Math.abs(v)));
        }
        int n = z.size();
        return Variable.result("sigmoidBinaryCrossEntropy", Tensor.scalar((float) (total / n)),
                g -> new Tensor[] {z.sigmoid().sub(targets).mul(g.item() / n)}, logits);
    }
}
