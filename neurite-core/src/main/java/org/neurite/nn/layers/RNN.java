package org.neurite.nn.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.neurite.autograd.RecurrentOptions;
import org.neurite.autograd.Variable;
import org.neurite.nn.Layer;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Shapes;
import org.neurite.tensor.Tensor;

/**
 * A recurrent layer around any {@link RecurrentCell}, Keras' generic {@code RNN(cell)}: the cell's
 * step runs once per timestep over inputs {@code (batch, time, features)}, composed from the tape's
 * primitives (the step-by-step path the built-in layers also use for options their fused ops lack),
 * so its gradient needs no code of its own.
 *
 * <p>As Keras' {@code keras.layers.RNN}: {@code return_sequences} (every step's output
 * {@code (batch, time, outputSize)}, not only the last {@code (batch, outputSize)});
 * {@code return_state} ({@link #callWithState} also returns the final states); {@code go_backwards}
 * (read the sequence from its end; the returned sequence is in processing order); masking (a
 * timestep mask on the input, from {@link Masking} or an {@link Embedding} with mask_zero, makes a
 * masked step keep the states and repeat the previous output, or output zeros with
 * {@code zero_output_for_mask}; with return_sequences the mask passes on to the output). Initial
 * states are zeros unless given. Not offered: {@code stateful}, {@code unroll} (the loop is always
 * unrolled on the tape).
 *
 * <p>The cell's weights belong to this layer ({@code rnn.kernel}). A model holding a user-defined
 * cell cannot be saved to a model file: files never name classes to instantiate, so
 * {@link #config()} refuses; rebuild the model in code and restore its weights with
 * {@code setWeights}.
 *
 * <pre>{@code
 * RNN rnn = RNN.builder().setCell(new MinimalGatedUnit(32)).optReturnSequences(true).build();
 * SequentialNetwork model = SequentialNetwork.of(Input.of(-1, 8), rnn, new GlobalAveragePooling1D(), new Dense(1));
 * }</pre>
 */
public final class RNN extends Layer {
    private final RecurrentCell cell;
    private final int[] stateSizes;
    private final int outputSize;
    private final boolean returnSequences;
    private final boolean returnState;
    private final boolean goBackwards;
    private final boolean zeroOutputForMask;
    /** The input width the cell was built for. */
    private int inputSize;

    private RNN(Builder b) {
        super(b.name);
        if (b.cell == null) {
            throw new IllegalArgumentException("RNN: needs a cell (setCell), got none");
        }
        this.cell = b.cell;
        this.stateSizes = cell.stateSizes().clone();
        this.outputSize = cell.outputSize();
        if (stateSizes.length == 0 || Arrays.stream(stateSizes).anyMatch(s -> s <= 0) || outputSize <= 0) {
            throw new IllegalArgumentException("RNN: cell " + cell.cellType() + " must have at least one state and"
                    + " positive sizes, got state sizes " + Arrays.toString(stateSizes) + ", output size "
                    + outputSize);
        }
        this.returnSequences = b.returnSequences;
        this.returnState = b.returnState;
        this.goBackwards = b.goBackwards;
        this.zeroOutputForMask = b.zeroOutputForMask;
    }

    /** Runs {@code cell} over time with Keras' defaults: the last output only, forwards. */
    public RNN(RecurrentCell cell) {
        this(builder().setCell(cell));
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String type() {
        return "RNN";
    }

    public RecurrentCell cell() {
        return cell;
    }

    public boolean returnSequences() {
        return returnSequences;
    }

    public boolean returnState() {
        return returnState;
    }

    public boolean goBackwards() {
        return goBackwards;
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (inputShape.length != 2 || inputShape[1] <= 0) {
            throw error("expects inputs of shape (batch, time, features) with known features, got (None, "
                    + Shapes.toString(inputShape).substring(1));
        }
        return returnSequences ? new int[] {inputShape[0], outputSize} : new int[] {outputSize};
    }

    @Override
    protected void createWeights(List<int[]> inputShapes, Rng rng) {
        String where = "layer '" + name() + "' (RNN) building cell " + cell.cellType();
        inputSize = inputShapes.get(0)[1];
        cell.build(inputSize, new CellWeights(where,
                (weight, initializer, shape) -> addParameter(weight, initializer, null, true, rng, shape)));
    }

    @Override
    public Variable call(Variable input, boolean training) {
        return callWithState(input, training, null).get(0);
    }

    /**
     * Runs the layer: the output, then, with return_state, the final states (Keras'
     * {@code [output, *states]}).
     *
     * @param initialStates null for zeros, or one {@code (batch, stateSizes()[i])} per state;
     *                      gradients flow into them
     */
    public List<Variable> callWithState(Variable input, boolean training, List<Variable> initialStates) {
        if (!isBuilt()) {
            throw error("is not built: build its model first (model.build()), which creates the cell's weights");
        }
        int[] shape = input.shape();
        if (shape.length != 3 || shape[1] == 0 || shape[2] != inputSize) {
            throw error("expects inputs of shape (batch, time, " + inputSize + ") with at least one step, got "
                    + Shapes.toString(shape));
        }
        List<Variable> initial = initialStates == null ? zeroStates(shape[0]) : checkedStates(initialStates, shape[0]);
        RecurrentOptions options = new RecurrentOptions(returnSequences, true, goBackwards, 0, zeroOutputForMask);
        CellOutput out = UnrolledRecurrence.run((x, states) -> checkedStep(cell.call(x, states, training), shape[0]),
                input, initial, outputSize, input.mask(), options);
        Variable output = returnSequences && input.mask() != null ? out.output().withMask(input.mask()) : out.output();
        List<Variable> result = new ArrayList<>(List.of(output));
        if (returnState) {
            result.addAll(out.states());
        }
        return result;
    }

    private List<Variable> zeroStates(int batch) {
        List<Variable> zeros = new ArrayList<>();
        for (int size : stateSizes) {
            zeros.add(Variable.constant(Tensor.zeros(batch, size)));
        }
        return zeros;
    }

    private List<Variable> checkedStates(List<Variable> states, int batch) {
        if (states.size() != stateSizes.length) {
            throw error("expects " + stateSizes.length + " initial states (cell " + cell.cellType() + "), got "
                    + states.size());
        }
        for (int i = 0; i < states.size(); i++) {
            int[] expected = {batch, stateSizes[i]};
            if (!Arrays.equals(states.get(i).shape(), expected)) {
                throw error("initial state " + i + " must be " + Shapes.toString(expected) + ", got "
                        + Shapes.toString(states.get(i).shape()));
            }
        }
        return states;
    }

    /** The cell's step, refused with the cell's name when its output or states have the wrong shapes. */
    private CellOutput checkedStep(CellOutput step, int batch) {
        String who = "cell " + cell.cellType();
        int[] outShape = {batch, outputSize};
        int[] got = step == null || step.output() == null ? null : step.output().shape();
        if (!Arrays.equals(got, outShape)) {
            throw error(who + " must return an output of shape " + Shapes.toString(outShape) + ", got "
                    + (got == null ? "none" : Shapes.toString(got)));
        }
        if (step.states().size() != stateSizes.length) {
            throw error(who + " must return " + stateSizes.length + " states (its stateSizes), got "
                    + step.states().size());
        }
        for (int i = 0; i < stateSizes.length; i++) {
            int[] expected = {batch, stateSizes[i]};
            if (!Arrays.equals(step.states().get(i).shape(), expected)) {
                throw error(who + " must return state " + i + " of shape " + Shapes.toString(expected) + ", got "
                        + Shapes.toString(step.states().get(i).shape()));
            }
        }
        return step;
    }

    /**
     * Refuses: a user-defined cell is code, which a model file cannot hold (a file never names a
     * class to instantiate).
     *
     * @throws IllegalArgumentException naming this layer and its cell
     */
    @Override
    public Map<String, Object> config() {
        throw error("its cell " + cell.cellType() + " is user-defined code, which a model file cannot hold (files"
                + " never name classes to instantiate); rebuild the model in code and restore its weights with"
                + " setWeights");
    }

    /** Builds an {@link RNN}; {@code setCell} is required. */
    public static final class Builder {
        private String name;
        private RecurrentCell cell;
        private boolean returnSequences;
        private boolean returnState;
        private boolean goBackwards;
        private boolean zeroOutputForMask;

        private Builder() {
        }

        public Builder setCell(RecurrentCell value) {
            cell = value;
            return this;
        }

        public Builder optName(String value) {
            name = value;
            return this;
        }

        /** Output every step {@code (batch, time, outputSize)}, not only the last. */
        public Builder optReturnSequences(boolean value) {
            returnSequences = value;
            return this;
        }

        /** Makes {@link #callWithState} return the final states after the output. */
        public Builder optReturnState(boolean value) {
            returnState = value;
            return this;
        }

        /** Reads the sequence from its last step to its first. */
        public Builder optGoBackwards(boolean value) {
            goBackwards = value;
            return this;
        }

        /** A masked step outputs zeros instead of repeating the previous output. */
        public Builder optZeroOutputForMask(boolean value) {
            zeroOutputForMask = value;
            return this;
        }

        public RNN build() {
            return new RNN(this);
        }
    }
}
