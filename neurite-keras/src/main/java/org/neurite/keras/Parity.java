package org.neurite.keras;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neurite.autograd.Autograd;
import org.neurite.autograd.Variable;
import org.neurite.nn.Network;
import org.neurite.tensor.Shapes;
import org.neurite.tensor.Tensor;

/**
 * Compares a model's predictions with recorded ones: the proof that an import is exact. Cases are
 * NumPy-style arrays {@code input_0, input_1, ...} (in the model's input order) and
 * {@code output_0, output_1, ...} (Keras' predictions, in its output order), as {@link Npz} reads them.
 *
 * <pre>{@code
 * Parity.Report report = Parity.check(loaded.model(), Npz.read(Path.of("cases.npz")));
 * System.out.println("max_abs_diff=" + report.maxAbsDiff());
 * }</pre>
 *
 * @param outputs each output's largest absolute difference, in output order
 */
public record Parity(List<Float> outputs) {
    /** The largest absolute difference over all outputs. */
    public float maxAbsDiff() {
        float max = 0f;
        for (float d : outputs) {
            max = Float.isNaN(d) || d > max ? d : max;
        }
        return max;
    }

    /**
     * Runs {@code model} on the cases' inputs and compares with their outputs.
     *
     * @throws IllegalArgumentException naming the array, when an input or output is missing or has
     *     another shape than the model's
     */
    public static Parity check(Network model, Map<String, Tensor> cases) {
        List<Tensor> predicted = predict(model, inputs(model, cases));
        List<Float> diffs = new ArrayList<>();
        for (int i = 0; i < predicted.size(); i++) {
            Tensor expected = array(cases, "output_" + i);
            Tensor actual = predicted.get(i);
            if (!java.util.Arrays.equals(expected.shape(), actual.shape())) {
                throw new IllegalArgumentException("output_" + i + " has shape " + Shapes.toString(expected.shape())
                        + ", the model's output " + i + " has " + Shapes.toString(actual.shape()));
            }
            diffs.add(maxAbsDiff(expected, actual));
        }
        if (cases.containsKey("output_" + predicted.size())) {
            throw new IllegalArgumentException("the cases hold more outputs than the model's " + predicted.size());
        }
        return new Parity(List.copyOf(diffs));
    }

    /** The model's outputs for these inputs, computed with no tape. */
    public static List<Tensor> predict(Network model, List<Tensor> inputs) {
        model.build();
        try (Autograd.Scope scope = Autograd.noGrad()) {
            return model.callAll(inputs.stream().map(Variable::constant).toList(), false).stream()
                    .map(Variable::value).toList();
        }
    }

    /** {@code input_0 .. input_{n-1}} for a model of {@code n} inputs. */
    public static List<Tensor> inputs(Network model, Map<String, Tensor> cases) {
        List<Tensor> inputs = new ArrayList<>();
        for (int i = 0; i < model.inputShapes().size(); i++) {
            inputs.add(array(cases, "input_" + i));
        }
        return inputs;
    }

    /**
     * The largest absolute difference of two tensors of one shape. Values that are equal as floats
     * (the same infinity) or both NaN agree (Keras gives NaN too where, say, a masked average has
     * no step); a NaN on one side only makes the result NaN.
     */
    public static float maxAbsDiff(Tensor a, Tensor b) {
        float[] x = a.toArray();
        float[] y = b.toArray();
        float max = 0f;
        for (int i = 0; i < x.length; i++) {
            if (x[i] == y[i] || Float.isNaN(x[i]) && Float.isNaN(y[i])) {
                continue;
            }
            float d = Math.abs(x[i] - y[i]);
            if (Float.isNaN(d)) {
                return Float.NaN;
            }
            max = Math.max(max, d);
        }
        return max;
    }

    private static Tensor array(Map<String, Tensor> cases, String name) {
        Tensor t = cases.get(name);
        if (t == null) {
            throw new IllegalArgumentException("the cases have no array '" + name + "' (they hold " + cases.keySet()
                    + ")");
        }
        return t;
    }
}
