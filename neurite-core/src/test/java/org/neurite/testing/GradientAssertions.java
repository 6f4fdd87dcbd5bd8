package org.neurite.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.neurite.autograd.Autograd;
import org.neurite.autograd.GradientCheck;
import org.neurite.autograd.Variable;
import org.neurite.nn.Parameter;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;

/** Asserts that the tape's gradients of a function match finite differences. */
public final class GradientAssertions {
    private GradientAssertions() {
    }

    public static void assertGradientsMatch(Function<Variable[], Variable> f, Tensor... inputs) {
        GradientCheck.Result result = GradientCheck.check(f, inputs);
        assertTrue(result.passed(Tolerances.GRADIENT_CHECK), result::toString);
    }

    /**
     * Asserts that the gradients of a layer's weights match finite differences, as {@link GradientCheck}
     * does for inputs: {@code output} recomputes the layer's output from the current weight values,
     * which this method nudges in place one element at a time (and restores).
     */
    public static void assertWeightGradientsMatch(List<Parameter> weights, Supplier<Variable> output) {
        Variable y = output.get();
        Tensor projection = Tensor.uniform(new Rng(12345), 0.5f, 1.5f, y.shape());
        weights.forEach(Parameter::zeroGrad);
        y.mul(Variable.constant(projection)).sum().backward();
        float step = GradientCheck.DEFAULT_STEP;
        for (Parameter p : weights) {
            float[] w = p.value().data();
            for (int j = 0; j < p.size(); j++) {
                int at = p.value().offset() + j;
                float saved = w[at];
                w[at] = saved + step;
                double up = projected(output, projection);
                w[at] = saved - step;
                double down = projected(output, projection);
                w[at] = saved;
                double numeric = (up - down) / (2.0 * step);
                double analytic = p.grad() == null ? 0 : p.grad().data()[p.grad().offset() + j];
                double error = Math.abs(analytic - numeric) / Math.max(1.0, Math.max(Math.abs(analytic), Math.abs(numeric)));
                String where = p.path() + " element " + j;
                assertTrue(error <= Tolerances.GRADIENT_CHECK,
                        () -> where + ": tape " + analytic + ", finite differences " + numeric);
            }
        }
    }

    private static double projected(Supplier<Variable> output, Tensor projection) {
        try (Autograd.Scope scope = Autograd.noGrad()) {
            Tensor y = output.get().value();
            double total = 0;
            for (int i = 0; i < y.size(); i++) {
                total += (double) y.data()[y.offset() + i] * projection.data()[i];
            }
            return total;
        }
    }
}
