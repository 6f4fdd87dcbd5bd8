package org.neurite.autograd;

import org.neurite.tensor.Shapes;
import org.neurite.tensor.Tensor;

/**
 * Reductions with their derivative rules: a sum spreads the gradient back over the summed
 * elements; a mean spreads it scaled by {@code 1/n}; a maximum sends it to the first maximal
 * element of each reduced run.
 */
public final class Reduce {
    private Reduce() {
    }

    public static Variable sum(Variable x) {
        int[] shape = x.shape();
        return Variable.result(Primitive.SUM, x.value().sum(), g -> new Tensor[] {g.broadcastTo(shape)}, x);
    }

    public static Variable sum(Variable x, int axis, boolean keepDims) {
        int[] shape = x.shape();
        int a = Shapes.axis("sum", axis, shape.length);
        return Variable.result(Primitive.SUM, x.value().sum(a, keepDims),
                g -> new Tensor[] {g.reshape(Shapes.reduce(shape, a, true)).broadcastTo(shape)}, x);
    }

    public static Variable mean(Variable x) {
        return sum(x).mul(1f / x.value().size());
    }

    public static Variable mean(Variable x, int axis, boolean keepDims) {
        int a = Shapes.axis("mean", axis, x.value().rank());
        return sum(x, a, keepDims).mul(1f / x.value().dim(a));
    }

    public static Variable max(Variable x, int axis, boolean keepDims) {
        int[] shape = x.shape();
        int a = Shapes.axis("max", axis, shape.length);
        Tensor value = x.value();
        return Variable.result(Primitive.MAX, value.max(a, keepDims), g -> {
            int[] winners = value.argmax(a);
            int outer = Shapes.product(shape, 0, a);
            int inner = Shapes.product(shape, a + 1, shape.length);
            Tensor dx = Tensor.zeros(shape);
            float[] gd = g.data();
            for (int i = 0; i < outer; i++) {
                for (int k = 0; k < inner; k++) {
                    int w = winners[i * inner + k];
                    dx.data()[(i * shape[a] + w) * inner + k] = gd[g.offset() + i * inner + k];
                }
            }
            return new Tensor[] {dx};
        }, x);
    }
}
