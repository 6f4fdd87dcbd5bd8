package org.neurite.spark;

import java.io.Serial;
import java.io.Serializable;

/**
 * What the workers send back for one exchange: the sum of their weighted gradients (one flat array
 * in the model's parameter order), and the sum of their batch losses weighted by rows, for the logs.
 * {@link #plus} is associative, so Spark may add the parts in any tree.
 */
final class GradientSum implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Null for the neutral element, which knows no size yet. */
    final float[] gradient;
    final double lossTimesRows;
    final long rows;

    GradientSum(float[] gradient, double lossTimesRows, long rows) {
        this.gradient = gradient;
        this.lossTimesRows = lossTimesRows;
        this.rows = rows;
    }

    static GradientSum zero() {
        return new GradientSum(null, 0, 0);
    }

    GradientSum plus(GradientSum other) {
        if (gradient == null) {
            return other.gradient == null ? new GradientSum(null, lossTimesRows + other.lossTimesRows,
                    rows + other.rows) : other.plus(this);
        }
        float[] sum = gradient.clone();
        if (other.gradient != null) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += other.gradient[i];
            }
        }
        return new GradientSum(sum, lossTimesRows + other.lossTimesRows, rows + other.rows);
    }
}
