package org.neurite.autograd;

import org.neurite.tensor.Tensor;

/**
 * Broadcasting arithmetic with its derivative rules. A broadcast operand receives the output
 * gradient summed back to its own shape.
 *
 * <pre>
 *   z = a + b    da = g           db = g
 *   z = a - b    da = g           db = -g
 *   z = a * b    da = g * b       db = g * a
 *   z = a / b    da = g / b       db = -g * a / b^2
 *   z = a^p      da = g * p * a^(p-1)
 * </pre>
 */
public final class Arithmetic {
    private Arithmetic() {
    }

    public static Variable add(Variable a, Variable b) {
        int[] sa = a.shape();
        int[] sb = b.shape();
        return Variable.result(Primitive.ADD, a.value().add(b.value()),
                g -> new Tensor[] {g.sumTo(sa), g.sumTo(sb)}, a, b);
    }

    public static Variable sub(Variable a, Variable b) {
        int[] sa = a.shape();
        int[] sb = b.shape();
        return Variable.result(Primitive.SUB, a.value().sub(b.value()),
                g -> new Tensor[] {g.sumTo(sa), g.sumTo(sb).neg()}, a, b);
    }

    public static Variable mul(Variable a, Variable b) {
        return Variable.result(Primitive.MUL, a.value().mul(b.value()), g -> new Tensor[] {
            a.requiresGrad() ? g.mul(b.value()).sumTo(a.shape()) : null,
            b.requiresGrad() ? g.mul(a.value()).sumTo(b.shape()) : null}, a, b);
    }

    public static Variable div(Variable a, Variable b) {
        Tensor z = a.value().div(b.value());
        return Variable.result(Primitive.DIV, z, g -> {
            Tensor ga = g.div(b.value());
            return new Tensor[] {
                a.requiresGrad() ? ga.sumTo(a.shape()) : null,
                b.requiresGrad() ? ga.mul(z).neg().sumTo(b.shape()) : null};
        }, a, b);
    }

    public static Variable addScalar(Variable a, float s) {
        return Variable.result(Primitive.ADD, a.value().add(s), g -> new Tensor[] {g}, a);
    }

    public static Variable mulScalar(Variable a, float s) {
        return Variable.result(Primitive.MUL, a.value().mul(s), g -> new Tensor[] {g.mul(s)}, a);
    }

    public static Variable pow(Variable a, float p) {
        return Variable.result(Primitive.POW, a.value().pow(p),
                g -> new Tensor[] {g.mul(a.value().pow(p - 1f)).mul(p)}, a);
    }

    /** The elementwise larger value; the gradient goes to {@code a} where {@code a >= b}, else to {@code b}. */
    public static Variable maximum(Variable a, Variable b) {
        Tensor aWins = a.value().greater(b.value()).add(a.value().equal(b.value()));
        return Variable.result(Primitive.MAXIMUM, a.value().maximum(b.value()), g -> new Tensor[] {
            g.mul(aWins).sumTo(a.shape()), g.mul(aWins.neg().add(1f)).sumTo(b.shape())}, a, b);
    }
}
