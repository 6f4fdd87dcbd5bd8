package org.neurite.cli.recipes;

import java.util.ArrayList;
import java.util.List;
import org.neurite.autograd.RecurrentOutput;
import org.neurite.autograd.Variable;
import org.neurite.nn.Layer;
import org.neurite.nn.layers.RecurrentLayer;
import org.neurite.tensor.Tensor;
import org.neurite.train.Loss;

/**
 * Measures how far back a loss on the last step reaches: {@code ‖∂L/∂h_t‖} for every step t of a
 * recurrent layer followed by a head on its last output.
 *
 * <p>The fused recurrent op keeps its hidden states to itself, so the gradient with respect to
 * {@code h_t} is read through the initial-state input instead: the layer first runs steps
 * {@code 1..t} to get the states {@code (h_t, c_t)}, which then become leaves from which the
 * remaining steps {@code t+1..T}, the head and the loss are computed; one backward pass gives
 * {@code ∂L/∂h_t} exactly, the same value full backpropagation through time computes inside the op.
 * For an LSTM the cell state {@code c_t} is a second leaf, and the plotted value is the gradient with
 * respect to {@code h_t} alone. The cost is {@code T} runs of the layer, about {@code T²/2} steps: fine
 * for a diagnostic.
 *
 * <p>The layer must be built with {@code return_state} so that it hands out its final states.
 */
final class HiddenStateGradients {
    private HiddenStateGradients() {
    }

    /**
     * The Frobenius norm of {@code ∂L/∂h_t} {@code (batch, units)} for {@code t = 0 .. T-1}, where
     * {@code h_0} is the initial state and {@code L} the mean loss of the batch.
     *
     * @param x inputs {@code (batch, T, features)}; {@code y} targets {@code (batch, 1)}
     */
    static double[] norms(RecurrentLayer layer, Layer head, Loss loss, Tensor x, Tensor y) {
        int time = x.dim(1);
        double[] norms = new double[time];
        List<Tensor> states = zeroStates(layer, x.dim(0));
        for (int t = 0; t < time; t++) {
            norms[t] = gradientNorm(layer, head, loss, x.slice(1, t, time), y, states);
            RecurrentOutput step = layer.callWithState(Variable.constant(x.slice(1, t, t + 1)), false,
                    constants(states));
            states = step.c() == null ? List.of(step.h().value()) : List.of(step.h().value(), step.c().value());
        }
        return norms;
    }

    /** {@code ‖∂L/∂h‖} for the loss of the steps {@code rest}, started from {@code states} as leaves. */
    private static double gradientNorm(RecurrentLayer layer, Layer head, Loss loss, Tensor rest, Tensor y,
                                       List<Tensor> states) {
        List<Variable> leaves = new ArrayList<>();
        for (Tensor s : states) {
            leaves.add(Variable.parameter(s));
        }
        Variable last = layer.callWithState(Variable.constant(rest), false, leaves).output();   // (batch, units)
        loss.compute(head.call(last, false), y).backward();
        Tensor g = leaves.get(0).grad();                                                      // (batch, units)
        return Math.sqrt(g.mul(g).sum().item());
    }

    private static List<Tensor> zeroStates(RecurrentLayer layer, int batch) {
        Tensor h = Tensor.zeros(batch, layer.units());
        return layer.stateCount() == 2 ? List.of(h, Tensor.zeros(batch, layer.units())) : List.of(h);
    }

    private static List<Variable> constants(List<Tensor> states) {
        return states.stream().map(Variable::constant).toList();
    }
}
