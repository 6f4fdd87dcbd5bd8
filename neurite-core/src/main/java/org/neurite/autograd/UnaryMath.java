package org.neurite.autograd;

import org.neurite.kernels.Kernels;
import org.neurite.tensor.Tensor;

/**
 * Elementwise functions with their derivative rules. Where the derivative is cheaper from the
 * output than from the input (exp, tanh, sigmoid), the rule uses the output.
 *
 * <pre>
 *   exp:     dx = g * y              log:  dx = g / x           sqrt: dx = g / (2 y)
 *   tanh:    dx = g * (1 - y^2)      sigmoid: dx = g * y (1 - y)
 *   relu:    dx = g * [x > 0]        abs:  dx = g * sign(x)
 * </pre>
 */
public final class UnaryMath {
    private UnaryMath() {
    }

    public static Variable exp(Variable x) {
        Tensor y = x.value().exp();
        return Variable.result(Primitive.EXP, y, g -> new Tensor[] {g.mul(y)}, x);
    }

    public static Variable log(Variable x) {
        return Variable.result(Primitive.LOG, x.value().log(), g -> new Tensor[] {g.div(x.value())}, x);
    }

    public static Variable sqrt(Variable x) {
        Tensor y = x.value().sqrt();
        return Variable.result(Primitive.SQRT, y, g -> new Tensor[] {g.div(y).mul(0.5f)}, x);
    }

    public static Variable abs(Variable x) {
        return Variable.result(Primitive.ABS, x.value().abs(), g -> {
            Tensor zero = Tensor.scalar(0f);
            Tensor sign = x.value().greater(zero).sub(zero.greater(x.value()));
            return new Tensor[] {g.mul(sign)};
        }, x);
    }

    public static Variable tanh(Variable x) {
        Tensor y = x.value().tanh();
        return Variable.result(Primitive.TANH, y, g -> {
            Tensor dx = g.emptyLike();
            Kernels.math().tanhBackward(y.data(), y.offset(), g.data(), g.offset(), dx.data(), dx.offset(), g.size());
            return new Tensor[] {dx};
        }, x);
    }

    public static Variable sigmoid(Variable x) {
        Tensor y = x.value().sigmoid();
        return Variable.result(Primitive.SIGMOID, y, g -> {
            Tensor dx = g.emptyLike();
            Kernels.math().sigmoidBackward(y.data(), y.offset(), g.data(), g.offset(), dx.data(), dx.offset(),
                    g.size());
            return new Tensor[] {dx};
        }, x);
    }

    /** The error function; {@code d/dx erf(x) = 2/sqrt(pi) · exp(-x²)}. Used by the exact GELU. */
    public static Variable erf(Variable x) {
        Tensor v = x.value();
        Tensor y = v.emptyLike();
        for (int i = 0; i < v.size(); i++) {
            y.data()[i] = (float) Erf.erf(v.data()[v.offset() + i]);
        }
        return Variable.result(Primitive.ERF, y, g -> new Tensor[] {g.mul(v.square().neg().exp()).mul(TWO_OVER_SQRT_PI)}, x);
    }

    private static final float TWO_OVER_SQRT_PI = (float) (2.0 / Math.sqrt(Math.PI));

    public static Variable relu(Variable x) {
        return Variable.result(Primitive.RELU, x.value().relu(), g -> {
            Tensor dx = g.emptyLike();
            Tensor v = x.value();
            Kernels.math().reluBackward(v.data(), v.offset(), g.data(), g.offset(), dx.data(), dx.offset(), g.size());
            return new Tensor[] {dx};
        }, x);
    }
}
