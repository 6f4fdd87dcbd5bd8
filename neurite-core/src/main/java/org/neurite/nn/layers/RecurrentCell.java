package org.neurite.nn.layers;

import java.util.List;
import org.neurite.autograd.Variable;

/**
 * One step of a recurrent network, for {@link RNN}: Keras' cell protocol. A cell says how many
 * states it carries and how wide each is ({@link #stateSizes}, Keras' {@code state_size}), how wide
 * its output is ({@link #outputSize}), creates its weights once the input width is known
 * ({@link #build}), and computes one step from the step's input and the previous states
 * ({@link #call}, Keras' {@code call(inputs, states) -> (output, new_states)}).
 *
 * <p>The step is composed from {@link Variable}'s operations, so its gradient comes from theirs:
 * {@link RNN} unrolls it over time with masking, return_sequences, return_state and go_backwards.
 * The built-in layers {@link SimpleRNN}, {@link LSTM} and {@link GRU} run their own cells fused and
 * are much faster; a user-defined cell is for what they do not offer.
 *
 * <pre>{@code
 * // Keras' MinimalRNNCell: h_t = tanh(x_t·W + h_{t-1}·U)
 * final class MinimalCell implements RecurrentCell {
 *     private final int units;
 *     private Parameter kernel;
 *     private Parameter recurrentKernel;
 *
 *     MinimalCell(int units) { this.units = units; }
 *
 *     public int[] stateSizes() { return new int[] {units}; }
 *
 *     public void build(int inputSize, CellWeights weights) {
 *         kernel = weights.add("kernel", Initializer.glorotUniform(), inputSize, units);
 *         recurrentKernel = weights.add("recurrent_kernel", Initializer.orthogonal(), units, units);
 *     }
 *
 *     public CellOutput call(Variable x, List<Variable> states, boolean training) {
 *         Variable h = x.matmul(kernel.variable()).add(states.get(0).matmul(recurrentKernel.variable())).tanh();
 *         return new CellOutput(h, List.of(h));
 *     }
 * }
 * RNN rnn = RNN.builder().setCell(new MinimalCell(32)).optReturnSequences(true).build();
 * }</pre>
 */
public interface RecurrentCell {
    /** The width of each state, in order (Keras' {@code state_size}); at least one. */
    int[] stateSizes();

    /** The width of each step's output (Keras' {@code output_size}); by default the first state's. */
    default int outputSize() {
        return stateSizes()[0];
    }

    /**
     * Creates the cell's weights for inputs of {@code inputSize} features, with
     * {@link CellWeights#add}; called once, when the {@link RNN} holding the cell is built.
     */
    void build(int inputSize, CellWeights weights);

    /**
     * One step: the output {@code (batch, outputSize)} and the new states, each
     * {@code (batch, stateSizes()[i])}, from the step's input {@code x} {@code (batch, inputSize)}
     * and the previous states.
     *
     * @param training whether the model is training (for behaviour such as dropout)
     */
    CellOutput call(Variable x, List<Variable> states, boolean training);

    /** The cell's name in errors and summaries; by default its class's simple name. */
    default String cellType() {
        return getClass().getSimpleName();
    }
}
