package org.neurite.spark;

import java.util.List;
import org.neurite.autograd.Variable;
import org.neurite.models.Model;
import org.neurite.nn.Parameter;
import org.neurite.tensor.Tensor;

/**
 * The optimizer step on the driver, from the workers' summed gradient. The gradient is handed to the
 * model's own optimizer through the tape: the objective {@code Σ sum(w ⊙ g)} has, for each weight
 * {@code w}, exactly the gradient {@code g} (its backward multiplies {@code g} by ones), plus the
 * weight penalties, which the workers leave out so that they count once, as on a single machine.
 * So clipping, weight decay and every optimizer work as in {@code fit}, with no second update rule.
 */
final class DriverStep {
    private DriverStep() {
    }

    static void apply(Model model, float[] gradient) {
        List<Parameter> parameters = model.network().parameters();
        parameters.forEach(Parameter::zeroGrad);
        Variable objective = null;
        int at = 0;
        for (Parameter p : parameters) {
            if (p.trainable()) {
                Tensor g = Tensor.of(java.util.Arrays.copyOfRange(gradient, at, at + p.size()), p.value().shape());
                objective = plus(objective, p.variable().mul(Variable.constant(g)).sum());
                if (p.regularizer() != null) {
                    objective = objective.add(p.regularizer().penalty(p.variable()));
                }
            }
            at += p.size();
        }
        if (objective != null) {
            objective.backward();
            model.optimizer().apply(parameters);
        }
    }

    private static Variable plus(Variable total, Variable term) {
        return total == null ? term : total.add(term);
    }
}
