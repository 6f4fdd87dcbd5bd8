package org.neurite.autograd;

import java.util.function.Function;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;

/**
 * Checks gradients computed by the tape against central finite differences: the course's "how do
 * we compute gradients?" answered twice, once by the chain rule and once by nudging each input.
 *
 * <p>The function's output is reduced to a scalar by a fixed random projection
 * {@code L = Σ f(x) ⊙ r}, so every output element takes part. Because the engine computes in
 * float32, differences use a step of {@code 1e-2} by default and errors are judged relative to the
 * larger of the two gradients (plus a small absolute floor).
 *
 * <pre>{@code
 * GradientCheck.Result r = GradientCheck.check(v -> v[0].tanh().mul(v[1]),
 *         Tensor.normal(new Rng(1), 0, 1, 3, 4), Tensor.normal(new Rng(2), 0, 1, 4));
 * if (!r.passed(1e-2)) throw new AssertionError(r);
 * }</pre>
 */
public final class GradientCheck {
    /** The default step of the central differences. */
    public static final float DEFAULT_STEP = 1e-2f;

    private GradientCheck() {
    }

    /**
     * The outcome of a check: the largest error found, and where.
     *
     * @param maxError  the largest {@code |analytic - numeric| / max(1, |analytic|, |numeric|)}
     * @param input     which input it was found in
     * @param index     the flat index within that input
     * @param analytic  the tape's gradient there
     * @param numeric   the finite-difference estimate there
     */
    public record Result(double maxError, int input, int index, double analytic, double numeric) {
        public boolean passed(double tolerance) {
            return maxError <= tolerance;
        }

        @Override
        public String toString() {
            return String.format("max error %.3g at input %d, element %d: tape %.6g, finite differences %.6g",
                    maxError, input, index, analytic, numeric);
        }
    }

    /** Checks {@code f} at the given input values with the default step. */
    public static Result check(Function<Variable[], Variable> f, Tensor... inputs) {
        return check(f, DEFAULT_STEP, inputs);
    }

    /** Checks {@code f} at the given input values; every input is treated as a parameter. */
    public static Result check(Function<Variable[], Variable> f, float step, Tensor... inputs) {
        Tensor[] x = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            x[i] = inputs[i].copy();
        }
        Variable[] params = new Variable[x.length];
        for (int i = 0; i < x.length; i++) {
            params[i] = Variable.parameter(x[i]);
        }
        Tensor projection = Tensor.uniform(new Rng(12345), 0.5f, 1.5f, f.apply(params).shape());
        Variable loss = project(f.apply(params), projection);
        loss.backward();
        Result worst = new Result(0, -1, -1, 0, 0);
        for (int i = 0; i < x.length; i++) {
            float[] d = x[i].data();
            for (int j = 0; j < x[i].size(); j++) {
                float saved = d[j];
                d[j] = saved + step;
                double up = evaluate(f, x, projection);
                d[j] = saved - step;
                double down = evaluate(f, x, projection);
                d[j] = saved;
                double numeric = (up - down) / (2.0 * step);
                double analytic = params[i].grad() == null ? 0 : params[i].grad().data()[j];
                double error = Math.abs(analytic - numeric) / Math.max(1.0, Math.max(Math.abs(analytic),
                        Math.abs(numeric)));
                if (error > worst.maxError() || Double.isNaN(error)) {
                    worst = new Result(Double.isNaN(error) ? Double.POSITIVE_INFINITY : error, i, j, analytic, numeric);
                }
            }
        }
        return worst;
    }

    private static double evaluate(Function<Variable[], Variable> f, Tensor[] x, Tensor projection) {
        try (Autograd.Scope scope = Autograd.noGrad()) {
            Variable[] constants = new Variable[x.length];
            for (int i = 0; i < x.length; i++) {
                constants[i] = Variable.constant(x[i]);
            }
            Tensor y = f.apply(constants).value();
            double total = 0;
            for (int i = 0; i < y.size(); i++) {
                total += (double) y.data()[y.offset() + i] * projection.data()[i];
            }
            return total;
        }
    }

    private static Variable project(Variable y, Tensor projection) {
        return y.mul(Variable.constant(projection)).sum();
    }
}
