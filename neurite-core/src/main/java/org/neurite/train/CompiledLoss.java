package org.neurite.train;

import java.util.List;
import java.util.Map;
import org.neurite.autograd.Variable;
import org.neurite.tensor.Tensor;

/**
 * The losses a {@link Trainer} was compiled with, one per model output (Keras' {@code CompileLoss}):
 * computes each output's loss and their sum, and names them in the logs: {@code loss} for the sum,
 * {@code <output>_loss} for each output when there are several.
 *
 * <pre>{@code
 * CompiledLoss compiled = new CompiledLoss(List.of(mse, bce), List.of("score", "flag"));
 * Variable[] each = compiled.compute(predictions, targets);
 * Variable total = CompiledLoss.sum(each);
 * }</pre>
 */
final class CompiledLoss {
    private final List<Loss> losses;
    private final List<String> outputNames;

    CompiledLoss(List<Loss> losses, List<String> outputNames) {
        if (losses.size() != outputNames.size()) {
            throw new IllegalArgumentException("compile: the model has " + outputNames.size() + " outputs "
                    + outputNames + " but " + losses.size() + " losses were given");
        }
        this.losses = List.copyOf(losses);
        this.outputNames = List.copyOf(outputNames);
    }

    List<Loss> losses() {
        return losses;
    }

    /** Each output's mean loss on the tape, in output order. */
    Variable[] compute(List<Variable> predictions, List<Tensor> targets) {
        return compute(predictions, targets, null);
    }

    /** Each output's loss on the tape, every sample weighted by {@code sampleWeights} {@code (batch)} unless null. */
    Variable[] compute(List<Variable> predictions, List<Tensor> targets, Tensor sampleWeights) {
        Variable[] values = new Variable[losses.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = losses.get(i).compute(predictions.get(i), targets.get(i), sampleWeights);
        }
        return values;
    }

    static Variable sum(Variable[] values) {
        Variable total = values[0];
        for (int i = 1; i < values.length; i++) {
            total = total.add(values[i]);
        }
        return total;
    }

    /** The total's value, then each output loss's: one row of what {@link #log} averages. */
    static float[] values(Variable total, Variable[] outputLosses) {
        float[] values = new float[outputLosses.length + 1];
        values[0] = total.value().item();
        for (int i = 0; i < outputLosses.length; i++) {
            values[i + 1] = outputLosses[i].value().item();
        }
        return values;
    }

    /** Puts the means of {@code sums} (rows of {@link #values} weighted by batch size) over {@code count} samples. */
    void log(double[] sums, int count, Map<String, Double> logs) {
        logs.put("loss", sums[0] / count);
        if (losses.size() > 1) {
            for (int i = 0; i < outputNames.size(); i++) {
                logs.put(outputNames.get(i) + "_loss", sums[i + 1] / count);
            }
        }
    }
}
