package org.neurite.nn.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.neurite.autograd.RecurrentOptions;
import org.neurite.autograd.RecurrentOutput;
import org.neurite.autograd.Reshaping;
import org.neurite.autograd.Variable;
import org.neurite.tensor.Tensor;

/**
 * The slow twin of the fused recurrent ops: the time loop written out step by step, each step
 * composed from the tape's primitives by the layer's {@link Step}, so that its derivative comes
 * from theirs. It runs what the fused ops do not offer: recurrent dropout during training,
 * activations other than the ones the fused ops hard-wire, and user-defined cells ({@link RNN}).
 * It honours the same {@link RecurrentOptions} and masks as the fused ops, and agrees with them
 * where both apply.
 *
 * <p>Per processing step {@code s} (reading timestep {@code t = s}, or {@code T-1-s} going
 * backwards), with {@code m_t} the timestep mask and {@code d} the recurrent-dropout mask:
 * <pre>
 *   y', states' = cell(x_t, states)        built-in cells: y' = h', and h_{t-1} ⊙ d in the products
 *   states  = m_t ? states' : states                    a masked step keeps the state
 *   out_t   = m_t ? y' : (zeroOutputForMask ? 0 : out_{t-1})      out_{-1} = 0
 * </pre>
 * Without return_sequences the output is the last {@code out_t}: the state after the last real
 * step, or zeros for a row with none, as Keras (and the fused ops) give.
 * With truncated BPTT the states are detached every {@code k} steps. Slicing each step out of the
 * input costs a full-size gradient per step in backward ({@code O(T²)}): acceptable for the rare
 * options that need this path, and the reason the common ones are fused.
 */
final class UnrolledRecurrence {
    /** One step of a built-in layer's cell, composed from primitives; its first state is its output. */
    @FunctionalInterface
    interface Step {
        /**
         * The states after reading {@code x} {@code (batch, in)}: h first, then c for an LSTM.
         * {@code hRec} is {@code h_{t-1}} as the recurrent products see it (after recurrent dropout).
         */
        List<Variable> apply(Variable x, List<Variable> states, Variable hRec);
    }

    private UnrolledRecurrence() {
    }

    /**
     * Runs a built-in layer's step over {@code x} {@code (batch, time, in)}.
     *
     * @param initial  the initial states, each {@code (batch, units)}
     * @param mask     {@code (batch, time)}, 1 for real steps, or null
     * @param dropMask the recurrent-dropout mask {@code (batch, units)}, already scaled, or null
     */
    static RecurrentOutput run(Step step, Variable x, List<Variable> initial, Tensor mask, Tensor dropMask,
                               RecurrentOptions options) {
        Variable drop = dropMask == null ? null : Variable.constant(dropMask);
        CellOutput out = run((xt, states) -> {
            Variable h = states.get(0);
            List<Variable> next = step.apply(xt, states, drop == null ? h : h.mul(drop));
            return new CellOutput(next.get(0), next);
        }, x, initial, initial.get(0).shape()[1], mask, options);
        List<Variable> states = out.states();
        return options.returnState()
                ? new RecurrentOutput(out.output(), states.get(0), states.size() > 1 ? states.get(1) : null)
                : new RecurrentOutput(out.output(), null, null);
    }

    /**
     * Runs any cell, Keras' {@code call(inputs, states) -> (output, new_states)}, over {@code x}
     * {@code (batch, time, in)}: returns the output (the sequence {@code (batch, time, out)} or the
     * last {@code (batch, out)}) and the final states, whatever {@link RecurrentOptions#returnState()} says.
     *
     * @param initial    the initial states, each {@code (batch, size)}
     * @param outputSize the width of the cell's output
     * @param mask       {@code (batch, time)}, 1 for real steps, or null
     */
    static CellOutput run(BiFunction<Variable, List<Variable>, CellOutput> cell, Variable x, List<Variable> initial,
                          int outputSize, Tensor mask, RecurrentOptions options) {
        int time = x.shape()[1];
        List<Variable> states = initial;
        List<Variable> outputs = new ArrayList<>();
        Variable zeros = Variable.constant(Tensor.zeros(x.shape()[0], outputSize));
        Variable previous = zeros;
        for (int s = 0; s < time; s++) {
            int t = options.goBackwards() ? time - 1 - s : s;
            if (options.truncateBptt() > 0 && s > 0 && s % options.truncateBptt() == 0) {
                states = states.stream().map(Variable::detach).toList();
            }
            Variable xt = Reshaping.slice(x, 1, t, t + 1).reshape(x.shape()[0], x.shape()[2]);   // (batch, in)
            CellOutput next = cell.apply(xt, states);
            List<Variable> nextStates = next.states();
            if (mask == null) {
                previous = next.output();
            } else {
                Tensor real = mask.slice(1, t, t + 1);                                         // (batch, 1)
                previous = Reshaping.where(real, next.output(), options.zeroOutputForMask() ? zeros : previous);
                nextStates = keepWhereMasked(real, nextStates, states);
            }
            outputs.add(previous);
            states = nextStates;
        }
        Variable output = options.returnSequences()
                ? Reshaping.stack(1, outputs.toArray(new Variable[0]))                         // (batch, time, out)
                : previous;                                                                   // (batch, out)
        return new CellOutput(output, states);
    }

    private static List<Variable> keepWhereMasked(Tensor real, List<Variable> next, List<Variable> previous) {
        List<Variable> kept = new ArrayList<>();
        for (int i = 0; i < next.size(); i++) {
            kept.add(Reshaping.where(real, next.get(i), previous.get(i)));
        }
        return kept;
    }
}
