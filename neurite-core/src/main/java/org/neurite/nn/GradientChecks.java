package org.neurite.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.neurite.autograd.GradientCheck;
import org.neurite.autograd.Reshaping;
import org.neurite.autograd.Variable;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;

/**
 * Checks the gradients the tape computes for a layer or a model against central finite
 * differences: the course's "how do we compute gradients?" answered twice. Every trainable weight
 * and every input is nudged in place, one element at a time, and restored; the result names the
 * worst weight path (or input) and element. See {@link GradientCheck} for the method and its
 * tolerances ({@code 2e-2} suits float32 with the default step).
 *
 * <p>Layers run in inference mode ({@code training = false}), so that dropout draws no new masks
 * between the nudged passes. A check costs two forward passes per weight: use small layers and batches.
 *
 * <pre>{@code
 * Dense dense = new Dense(3, Activation.TANH);
 * GradientCheck.Result r = GradientChecks.checkLayer(dense, Tensor.normal(new Rng(1), 0, 1, 4, 5));
 * if (!r.passed(2e-2)) throw new AssertionError(r);   // "max error .. at dense.kernel, element 7: .."
 * }</pre>
 */
public final class GradientChecks {
    private GradientChecks() {
    }

    /** Checks a layer on one batch per input ({@code (batch, ...)}), building it first (seed 0) if need be. */
    public static GradientCheck.Result checkLayer(Layer layer, Tensor... inputs) {
        if (!layer.isBuilt()) {
            layer.assignName(Network.snakeCase(layer.type()));
            layer.build(Arrays.stream(inputs).map(GradientChecks::sampleShape).toList(), new Rng(0));
        }
        List<Variable> xs = leaves(inputs);
        return check(layer.parameters(), xs, () -> layer.call(xs, false));
    }

    /** Checks a model on one batch per input; with several outputs, all of them take part. */
    public static GradientCheck.Result checkModel(Network model, Tensor... inputs) {
        List<Variable> xs = leaves(inputs);
        return check(model.parameters(), xs, () -> joined(model.callAll(xs, false)));
    }

    /**
     * Checks the gradients of {@code output} with respect to {@code weights}: {@code output}
     * recomputes a result from the weights' current values (a layer's output, a loss), which this
     * method nudges. Non-trainable weights are skipped.
     */
    public static GradientCheck.Result checkWeights(List<Parameter> weights, Supplier<Variable> output) {
        return check(weights, List.of(), output);
    }

    private static GradientCheck.Result check(List<Parameter> weights, List<Variable> inputs, Supplier<Variable> output) {
        List<Variable> leaves = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            leaves.add(inputs.get(i));
            names.add(inputs.size() == 1 ? "input" : "input " + i);
        }
        for (Parameter p : weights) {
            if (p.trainable()) {
                leaves.add(p.variable());
                names.add(p.path());
            }
        }
        return GradientCheck.check(output, leaves, names, GradientCheck.DEFAULT_STEP);
    }

    /** Copies of the inputs as leaves of the tape, so that their gradients are checked too. */
    private static List<Variable> leaves(Tensor[] inputs) {
        return Arrays.stream(inputs).map(x -> Variable.parameter(x.copy())).toList();
    }

    /** The outputs as one tensor {@code (batch, total features)}, or the only output as it is. */
    private static Variable joined(List<Variable> outputs) {
        if (outputs.size() == 1) {
            return outputs.get(0);
        }
        Variable[] flat = outputs.stream().map(y -> y.reshape(y.shape()[0], -1)).toArray(Variable[]::new);
        return Reshaping.concat(1, flat);
    }

    private static int[] sampleShape(Tensor batch) {
        return Arrays.copyOfRange(batch.shape(), 1, batch.rank());
    }
}
