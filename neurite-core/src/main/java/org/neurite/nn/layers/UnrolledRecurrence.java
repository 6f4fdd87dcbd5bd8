package org.neurite.nn.layers;

import java.util.ArrayList;
import java.util.List;
import org.neurite.autograd.RecurrentOptions;
import org.neurite.autograd.RecurrentOutput;
import org.neurite.autograd.Reshaping;
import org.neurite.autograd.Variable;
import org.neurite.tensor.Tensor;

/**
 * The slow twin of the fused recurrent ops: the time loop written out step by step, each step
 * composed from the tape's primitives by the layer's {@link Step}, so that its derivative comes
 * from theirs. It runs what the fused ops do not offer: recurrent dropout during training, and
 * activations other than the ones the fused ops hard-wire. It honours the same
 * {@link RecurrentOptions} and masks as the fused ops, and agrees with them where both apply.
 *
 * <p>Per processing step {@code s} (reading timestep {@code t = s}, or {@code T-1-s} going
 * backwards), with {@code m_t} the timestep mask and {@code d} the recurrent-dropout mask:
 * <pre>
 *   states' = step(x_t, states, h_{t-1} ⊙ d)            (batch, units) each
 *   states  = m_t ? states' : states                    a masked step keeps the state
 *   out_t   = m_t ? h' : (zeroOutputForMask ? 0 : out_{t-1})      out_{-1} = 0
 * </pre>
 * Without return_sequences the output is the last {@code out_t}: the state after the last real
 * step, or zeros for a row with none, as Keras (and the fused ops) give.
 * With truncated BPTT the states are detached every {@code k} steps. Slicing each step out of the
 * input costs a full-size gradient per step in backward ({@code O(T²)}): acceptable for the rare
 * options that need this path, and the reason the common ones are fused.
 */
final class UnrolledRecurrence {
    /** One step of a cell, composed from primitives. */
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
     * Runs the loop over {@code x} {@code (batch, time, in)}.
     *
     * @param initial  the initial states, each {@code (batch, units)}
     * @param mask     {@code (batch, time)}, 1 for real steps, or null
     * @param dropMask the recurrent-dropout mask {@code (batch, units)}, already scaled, or null
     */
    static RecurrentOutput run(Step step, Variable x, List<Variable> initial, Tensor mask, Tensor dropMask,
                               RecurrentOptions options) {
        int time = x.shape()[1];
        List<Variable> states = initial;
        List<Variable> outputs = new ArrayList<>();
        Variable zeros = Variable.constant(Tensor.zeros(x.shape()[0], initial.get(0).shape()[1]));
        Variable previous = zeros;
        Variable drop = dropMask == null ? null : Variable.constant(dropMask);
        for (int s = 0; s < time; s++) {
            int t = options.goBackwards() ? time - 1 - s : s;
            if (options.truncateBptt() > 0 && s > 0 && s % options.truncateBptt() == 0) {
                states = states.stream().map(Variable::detach).toList();
            }
            Variable xt = Reshaping.slice(x, 1, t, t + 1).reshape(x.shape()[0], x.shape()[2]);   // (batch, in)
            Variable h = states.get(0);
            List<Variable> next = step.apply(xt, states, drop == null ? h : h.mul(drop));
            if (mask == null) {
                previous = next.get(0);
            } else {
                Tensor real = mask.slice(1, t, t + 1);                                         // (batch, 1)
                previous = Reshaping.where(real, next.get(0), options.zeroOutputForMask() ? zeros : previous);
                next = keepWhereMasked(real, next, states);
            }
            outputs.add(previous);
            states = next;
        }
        Variable output = options.returnSequences()
                ? Reshaping.stack(1, outputs.toArray(new Variable[0]))                         // (batch, time, units)
                : previous;                                                                   // (batch, units)
        return options.returnState()
                ? new RecurrentOutput(output, states.get(0), states.size() > 1 ? states.get(1) : null)
                : new RecurrentOutput(output, null, null);
    }

    private static List<Variable> keepWhereMasked(Tensor real, List<Variable> next, List<Variable> previous) {
        List<Variable> kept = new ArrayList<>();
        for (int i = 0; i < next.size(); i++) {
            kept.add(Reshaping.where(real, next.get(i), previous.get(i)));
        }
        return kept;
    }
}
