package org.neurite.autograd;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;

/**
 * Checks gradients computed by the tape against central finite differences: the course's "how do
 * we compute gradients?" answered twice, once by the chain rule and once by nudging each input.
 *
 * <p>{@code org.neurite.nn.GradientChecks} applies it to layers and models, nudging their weights.
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
     * @param where     the tensor it was found in: {@code input 0} for a function's first input, a
     *                  weight's path ({@code dense.kernel}) for a layer's
     * @param index     the flat index within that tensor
     * @param analytic  the tape's gradient there
     * @param numeric   the finite-difference estimate there
     */
    public record Result(double maxError, String where, int index, double analytic, double numeric) {
        public boolean passed(double tolerance) {
            return maxError <= tolerance;
        }

        @Override
        public String toString() {
            return String.format("max error %.3g at %s, element %d: tape %.6g, finite differences %.6g",
                    maxError, where, index, analytic, numeric);
        }
    }

    /** Checks {@code f} at the given input values with the default step. */
    public static Result check(Function<Variable[], Variable> f, Tensor... inputs) {
        return check(f, DEFAULT_STEP, inputs);
    }

    /** Checks {@code f} at the given input values; every input is treated as a parameter. */
    public static Result check(Function<Variable[], Variable> f, float step, Tensor... inputs) {
        Variable[] params = new Variable[inputs.length];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            params[i] = Variable.parameter(inputs[i].copy());
            names.add("input " + i);
        }
        return check(() -> f.apply(params), List.of(params), names, step);
    }

    /**
     * Checks the gradients of {@code output} with respect to {@code leaves}, variables whose values
     * {@code output} reads each time it is called: each element of each leaf is nudged in place by
     * {@code ±step} and restored. This is how weights are checked: the leaves are a layer's parameters.
     *
     * @param names a name for each leaf, reported by the result
     */
    public static Result check(Supplier<Variable> output, List<Variable> leaves, List<String> names, float step) {
        Variable y = output.get();
        Tensor projection = Tensor.uniform(new Rng(12345), 0.5f, 1.5f, y.shape());
        leaves.forEach(Variable::zeroGrad);
        project(y, projection).backward();
        Result worst = new Result(0, "nothing", -1, 0, 0);
        for (int i = 0; i < leaves.size(); i++) {
            Tensor value = leaves.get(i).value();
            Tensor grad = leaves.get(i).grad();
            float[] d = value.data();
            for (int j = 0; j < value.size(); j++) {
                int at = value.offset() + j;
                float saved = d[at];
                d[at] = saved + step;
                double up = evaluate(output, projection);
                d[at] = saved - step;
                double down = evaluate(output, projection);
                d[at] = saved;
                double numeric = (up - down) / (2.0 * step);
                double analytic = grad == null ? 0 : grad.data()[grad.offset() + j];
                double error = Math.abs(analytic - numeric) / Math.max(1.0, Math.max(Math.abs(analytic),
                        Math.abs(numeric)));
                if (error > worst.maxError() || Double.isNaN(error)) {
                    worst = new Result(Double.isNaN(error) ? Double.POSITIVE_INFINITY : error, names.get(i), j,
                            analytic, numeric);
                }
            }
        }
        return worst;
    }

    private static double evaluate(Supplier<Variable> output, Tensor projection) {
        try (Autograd.Scope scope = Autograd.noGrad()) {
            Tensor y = output.get().value();
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
