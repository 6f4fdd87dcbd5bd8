package org.neurite.nn.layers;

import java.util.List;
import org.neurite.autograd.Variable;

/**
 * What one step of a {@link RecurrentCell} returns, Keras' {@code (output, new_states)}.
 *
 * @param output the step's output {@code (batch, outputSize)}
 * @param states the new states, one {@code (batch, size)} per entry of the cell's state sizes, in order
 */
public record CellOutput(Variable output, List<Variable> states) {
    public CellOutput {
        states = List.copyOf(states);
    }
}
