package org.neurite.train;

import java.util.List;
import java.util.Map;
import org.neurite.autograd.Variable;
import org.neurite.tensor.Tensor;

/**
 * The losses a {@link Trainer} was compiled with, one per model output (Keras' {@code CompileLoss}):
 * computes each output's loss and their sum weighted by the loss weights (Keras' {@code loss_weights},
 * 1 each by default), and names them in the logs: {@code loss} for the weighted sum,
 * {@code <output>_loss} for each output's unweighted loss when there are several, as Keras records them.
 *
 * <pre>{@code
 * CompiledLoss compiled = new CompiledLoss(List.of(mse, bce), List.of(1f, 0.5f), List.of("score", "flag"));
 * Variable[] each = compiled.compute(predictions, targets, null);
 * Variable total = compiled.total(each);   // 1·score loss + 0.5·flag loss
 * }</pre>
 */
final class CompiledLoss {
    private final List<Loss> losses;
    private final List<Float> weights;
    private final List<String> outputNames;

    /** @param weights one loss weight per output, or null for 1 each */
    CompiledLoss(List<Loss> losses, List<Float> weights, List<String> outputNames) {
        if (losses.size() != outputNames.size()) {
            throw new IllegalArgumentException("compile: the model has " + outputNames.size() + " outputs "
                    + outputNames + " but " + losses.size() + " losses were given");
        }
        if (weights != null && weights.size() != outputNames.size()) {
            throw new IllegalArgumentException("compile: the model has " + outputNames.size() + " outputs "
                    + outputNames + " but " + weights.size() + " loss weights were given");
        }
        this.losses = List.copyOf(losses);
        this.weights = weights == null ? java.util.Collections.nCopies(losses.size(), 1f) : List.copyOf(weights);
        this.outputNames = List.copyOf(outputNames);
    }

    /** The loss weight of each output, in output order. */
    List<Float> weights() {
        return weights;
    }

    List<Loss> losses() {
        return losses;
    }

    /** Each output's mean loss on the tape, in output order. */
    Variable[] compute(List<Variable> predictions, List<Tensor> targets) {
        return compute(predictions, targets, null);
    }

    /**
     * Each output's loss on the tape, unweighted by the loss weights; output {@code i}'s samples
     * weighted by {@code sampleWeights.get(i)} {@code (batch)} where the list and that entry are not null.
     */
    Variable[] compute(List<Variable> predictions, List<Tensor> targets, List<Tensor> sampleWeights) {
        Variable[] values = new Variable[losses.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = losses.get(i).compute(predictions.get(i), targets.get(i),
                    sampleWeights == null ? null : sampleWeights.get(i));
        }
        return values;
    }

    /** The training objective: {@code Σ weight_i · loss_i}. */
    Variable total(Variable[] values) {
        Variable total = weighted(values, 0);
        for (int i = 1; i < values.length; i++) {
            total = total.add(weighted(values, i));
        }
        return total;
    }

    private Variable weighted(Variable[] values, int i) {
        return weights.get(i) == 1f ? values[i] : values[i].mul(weights.get(i));
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
