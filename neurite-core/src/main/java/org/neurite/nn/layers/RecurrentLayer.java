package org.neurite.nn.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neurite.autograd.InferenceScope;
import org.neurite.autograd.RecurrentOptions;
import org.neurite.autograd.RecurrentOutput;
import org.neurite.autograd.TokenInputs;
import org.neurite.autograd.Variable;
import org.neurite.nn.Activation;
import org.neurite.nn.Initializer;
import org.neurite.nn.Layer;
import org.neurite.nn.LayerConfig;
import org.neurite.nn.Parameter;
import org.neurite.nn.SymbolicTensor;
import org.neurite.tensor.BufferArena;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Shapes;
import org.neurite.tensor.Tensor;

/**
 * What {@link SimpleRNN}, {@link LSTM} and {@link GRU} share: Keras' recurrent-layer options, the
 * weights {@code kernel (in, k·units)}, {@code recurrent_kernel (units, k·units)} and {@code bias},
 * and the call, which runs the cell's fused op once over the whole sequence.
 *
 * <p>Inputs are {@code (batch, time, features)}; a timestep mask on the input (from Embedding with
 * mask_zero, or Masking) is honoured and, with return_sequences, passed on to the output.
 *
 * <p>Options: {@code return_sequences}; {@code return_state} (the layer has 1 + {@link #stateCount()}
 * outputs: the output, then h, and c for LSTM, each {@code (batch, units)}; in a functional graph
 * {@link #applyAll} returns them all, {@link #callWithState} does on tensors, and {@link #call}
 * returns the output only); initial states (Keras' {@code initial_state=[h, c]}: in a graph, the
 * inputs after the sequence, {@code lstm.applyAll(x, h, c)}); {@code go_backwards}; {@code stateful} (the final
 * states of one batch are the initial states of the next, until {@link #resetStates()});
 * {@code dropout} (one mask per sequence on the inputs, the same at every step, as Keras);
 * {@code recurrent_dropout} (one mask per sequence on {@code h_{t-1}} where it enters the recurrent
 * products, as Keras; the carried state itself is not dropped);
 * {@code truncate_bptt} {@code k} (gradients flow back at most k steps: the sequence is cut into
 * windows of k steps and the state handed between windows is treated as a constant; the forward
 * pass is unchanged); {@code activation} and, for the gated cells, {@code recurrent_activation}.
 *
 * <p>The call runs the cell's fused op; options the fused op does not offer (recurrent dropout
 * while training, activations it does not hard-wire) run the same cell step by step instead,
 * composed from the tape's primitives ({@link UnrolledRecurrence}, with the cell's {@link #step}).
 */
public abstract class RecurrentLayer extends Layer {
    final Settings settings;
    private boolean zeroOutputForMask;
    private Parameter kernel;
    private Parameter recurrentKernel;
    private Parameter bias;
    private Rng dropoutRng;
    private Tensor[] states;

    RecurrentLayer(Settings settings) {
        super(settings.name);
        if (settings.units <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": units must be positive, got "
                    + settings.units);
        }
        checkRate("dropout", settings.dropout);
        checkRate("recurrent_dropout", settings.recurrentDropout);
        this.settings = settings;
    }

    /** Gates per unit: 1 (SimpleRNN), 4 (LSTM), 3 (GRU). */
    abstract int gates();

    /** Number of state tensors: 2 for LSTM (h, c), else 1 (h). */
    public abstract int stateCount();

    abstract int[] biasShape();

    abstract Initializer biasInitializer();

    private void checkRate(String option, float rate) {
        if (!(rate >= 0f && rate < 1f)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": " + option + " must be in [0, 1), got "
                    + rate);
        }
    }

    /** Whether the fused op computes this cell with these activations. */
    abstract boolean fusedOpSupports();

    /**
     * One step of the cell composed from primitives, for {@link UnrolledRecurrence}: the states after
     * reading {@code x} {@code (batch, in)}; {@code hRec} is {@code h_{t-1}} as the recurrent product
     * sees it (after recurrent dropout).
     */
    abstract List<Variable> step(Variable x, List<Variable> states, Variable hRec, Variable kernel,
                                 Variable recurrentKernel, Variable bias);

    /** Runs the cell's fused op. */
    abstract RecurrentOutput run(Variable x, Variable kernel, Variable recurrentKernel, Variable bias,
                                 List<Variable> initialStates, Tensor mask, RecurrentOptions options);

    /** The same layer, but named {@code name} and reading in the given direction (for Bidirectional). */
    abstract RecurrentLayer copy(String name, boolean goBackwards);

    public int units() {
        return settings.units;
    }

    public boolean returnSequences() {
        return settings.returnSequences;
    }

    public boolean goBackwards() {
        return settings.goBackwards;
    }

    public boolean returnState() {
        return settings.returnState;
    }

    public Activation activation() {
        return settings.activation;
    }

    /** Bidirectional's sublayers output zeros at masked steps (Keras' zero_output_for_mask). */
    void zeroOutputForMask(boolean value) {
        this.zeroOutputForMask = value;
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (inputShape.length != 2 || inputShape[1] <= 0) {
            throw error("expects inputs of shape (batch, time, features) with known features, got (None, "
                    + Shapes.toString(inputShape).substring(1));
        }
        return settings.returnSequences ? new int[] {inputShape[0], settings.units} : new int[] {settings.units};
    }

    /**
     * The output's shape, then, with return_state, each state's {@code (units)}. Inputs: the
     * sequence, then optionally one initial state per state, each {@code (units)}.
     */
    @Override
    public List<int[]> outputShapes(List<int[]> inputShapes) {
        int[] output = outputShape(inputShapes.get(0));
        checkInitialStateShapes(inputShapes.subList(1, inputShapes.size()));
        List<int[]> shapes = new ArrayList<>(List.of(output));
        if (settings.returnState) {
            for (int i = 0; i < stateCount(); i++) {
                shapes.add(new int[] {settings.units});
            }
        }
        return shapes;
    }

    @Override
    public int[] outputShape(List<int[]> inputShapes) {
        return outputShapes(inputShapes).get(0);
    }

    private void checkInitialStateShapes(List<int[]> states) {
        if (!states.isEmpty() && states.size() != stateCount()) {
            throw error("expects " + stateCount() + " initial states " + stateNames() + ", got " + states.size());
        }
        for (int i = 0; i < states.size(); i++) {
            int[] state = states.get(i);
            if (state.length != 1 || (state[0] != settings.units && state[0] != -1)) {
                throw error("initial state " + i + " must have shape (None, " + settings.units + "), got "
                        + withBatch(state));
            }
        }
    }

    /** {@code (None, 32)}: a shape without its batch dimension, written with it, as Keras does. */
    static String withBatch(int[] shape) {
        StringBuilder sb = new StringBuilder("(None");
        for (int d : shape) {
            sb.append(", ").append(d < 0 ? "None" : Integer.toString(d));
        }
        return sb.append(')').toString();
    }

    private String stateNames() {
        return stateCount() == 2 ? "(h, c)" : "(h)";
    }

    /**
     * The output and, with return_state, the final states: Keras' {@code layer(x, initial_state=...)}.
     *
     * @param inputs the sequence {@code (batch, time, features)}, then optionally the initial states
     */
    @Override
    public List<Variable> callAll(List<Variable> inputs, boolean training) {
        List<Variable> initial = inputs.size() > 1 ? inputs.subList(1, inputs.size()) : null;
        RecurrentOutput out = callWithState(inputs.get(0), training, initial);
        List<Variable> all = new ArrayList<>(List.of(out.output()));
        if (settings.returnState) {
            all.addAll(out.c() == null ? List.of(out.h()) : List.of(out.h(), out.c()));
        }
        return all;
    }

    @Override
    public Variable call(List<Variable> inputs, boolean training) {
        return callAll(inputs, training).get(0);
    }

    /**
     * Applies this layer to a sequence, starting from the given states: Keras'
     * {@code decoder_lstm(decoder_inputs, initial_state=encoder_states)}. Returns every output.
     *
     * <pre>{@code
     * List<SymbolicTensor> out = decoderLstm.applyAll(decoderInputs, List.of(h, c));   // [outputs, h, c]
     * }</pre>
     */
    public final List<SymbolicTensor> applyAll(SymbolicTensor input, List<SymbolicTensor> initialState) {
        List<SymbolicTensor> inputs = new ArrayList<>(List.of(input));
        inputs.addAll(initialState);
        return applyAll(inputs.toArray(new SymbolicTensor[0]));
    }

    @Override
    protected void createWeights(List<int[]> inputShapes, Rng rng) {
        int in = inputShapes.get(0)[1];
        int ku = gates() * settings.units;
        kernel = addParameter("kernel", settings.kernelInitializer, null, true, rng, in, ku);
        recurrentKernel = addParameter("recurrent_kernel", settings.recurrentInitializer, null, true, rng,
                settings.units, ku);
        if (settings.useBias) {
            bias = addParameter("bias", biasInitializer(), null, true, rng, biasShape());
        }
        dropoutRng = rng.split();
    }

    @Override
    public Variable call(Variable input, boolean training) {
        return callWithState(input, training, null).output();
    }

    /**
     * Runs the layer and returns the output and the final states (h, and c for LSTM, each
     * {@code (batch, units)}): Keras' {@code return_state=True}. {@code initialStates} may be null
     * (zeros, or the kept states of a stateful layer); gradients flow into them.
     */
    public RecurrentOutput callWithState(Variable input, boolean training, List<Variable> initialStates) {
        int[] shape = input.shape();
        if (shape.length != 3 || shape[2] != kernel.value().dim(0)) {
            throw error("expects inputs of shape (batch, time, " + kernel.value().dim(0) + "), got "
                    + Shapes.toString(shape));
        }
        List<Variable> initial = initialStates != null ? initialStates : keptStates(shape[0]);
        if (initialStates != null) {
            checkInitialStates(initialStates, shape[0]);
        }
        if (initial != null && initial.size() != stateCount()) {
            throw error("expects " + stateCount() + " initial states " + stateNames() + ", got " + initial.size());
        }
        Variable x = training && settings.dropout > 0f ? dropInputs(input) : input;
        RecurrentOptions options = options();
        boolean dropRecurrent = training && settings.recurrentDropout > 0f;
        RecurrentOutput out = dropRecurrent || !fusedOpSupports()
                ? runUnrolled(x, initial, input.mask(), dropRecurrent ? recurrentDropMask(shape[0]) : null, options)
                : run(x, kernel.variable(), recurrentKernel.variable(), bias == null ? null : bias.variable(),
                        initial, input.mask(), options);
        if (settings.stateful) {
            keepStates(out);
        }
        Variable output = settings.returnSequences && input.mask() != null
                ? out.output().withMask(input.mask()) : out.output();
        return new RecurrentOutput(output, out.h(), out.c());
    }

    private RecurrentOptions options() {
        return new RecurrentOptions(settings.returnSequences, settings.returnState || settings.stateful,
                settings.goBackwards, settings.truncateBptt, zeroOutputForMask);
    }

    /** Steps to run per row of the embedding table, at least, for {@link #callAfter} to project the table. */
    private static final int STEPS_PER_TABLE_ROW = 8;

    /**
     * After an {@link Embedding}, in inference: the layer on the token ids themselves, its fused op
     * projecting the embedding table once rather than every step's vectors ({@link TokenInputs}), with
     * the same outputs. Only where that pays: when the steps to run, those of the whole prediction when
     * an {@link InferenceScope} says how many samples it holds, are at least 8 per row of the table.
     */
    @Override
    protected Variable callAfter(Layer previous, Variable input) {
        int[] shape = input.shape();
        if (!(previous instanceof Embedding embedding) || settings.stateful || !fusedOpSupports()
                || shape.length != 2 || embedding.outputDim() != kernel.value().dim(0)) {
            return null;
        }
        InferenceScope scope = InferenceScope.current();
        long steps = (scope == null ? shape[0] : Math.max(shape[0], scope.samples())) * (long) shape[1];
        // Each table row costs one step's projection to make and its copies move 4x the bytes of the
        // vectors they replace: one batch of W2 (2.6 steps per row) ran no faster, so ask for 8.
        if (embedding.inputDim() * (long) STEPS_PER_TABLE_ROW > steps) {
            return null;
        }
        TokenInputs tokens = embedding.tokenInputs(input.value());
        Tensor mask = embedding.maskOf(tokens);
        RecurrentOutput out = runOnTokens(tokens, kernel.variable(), recurrentKernel.variable(),
                bias == null ? null : bias.variable(), mask, options());
        if (out == null) {
            return null;
        }
        return settings.returnSequences && mask != null ? out.output().withMask(mask) : out.output();
    }

    /** {@link #run} on token ids (zero initial states), or null where the cell's op has no such path. */
    RecurrentOutput runOnTokens(TokenInputs tokens, Variable kernel, Variable recurrentKernel, Variable bias,
                                Tensor mask, RecurrentOptions options) {
        return null;
    }

    /** Refuses initial states that are not {@code (batch, units)}, naming both shapes. */
    private void checkInitialStates(List<Variable> initial, int batch) {
        if (initial.size() != stateCount()) {
            throw error("expects " + stateCount() + " initial states " + stateNames() + ", got " + initial.size());
        }
        for (int i = 0; i < initial.size(); i++) {
            int[] state = initial.get(i).shape();
            if (state.length != 2 || state[0] != batch || state[1] != settings.units) {
                throw error("initial state " + i + " must have shape (" + batch + ", " + settings.units + "), got "
                        + Shapes.toString(state).replace('[', '(').replace(']', ')'));
            }
        }
    }

    /** The step-by-step path; initial states default to zeros. */
    private RecurrentOutput runUnrolled(Variable x, List<Variable> initial, Tensor mask, Tensor dropMask,
                                        RecurrentOptions options) {
        List<Variable> states = initial;
        if (states == null) {
            states = new ArrayList<>();
            for (int i = 0; i < stateCount(); i++) {
                states.add(Variable.constant(Tensor.zeros(x.shape()[0], settings.units)));
            }
        }
        Variable b = bias == null ? null : bias.variable();
        return UnrolledRecurrence.run((xt, s, hRec) -> step(xt, s, hRec, kernel.variable(), recurrentKernel.variable(), b),
                x, states, mask, dropMask, options);
    }

    /** Keras' recurrent dropout mask: one per sequence and unit {@code (batch, units)}, scaled by 1/(1-rate). */
    private Tensor recurrentDropMask(int batch) {
        return dropoutRng.dropoutMask(settings.recurrentDropout, batch, settings.units);
    }

    /** Forgets the states a stateful layer kept, so the next batch starts from zeros. */
    public void resetStates() {
        states = null;
    }

    private List<Variable> keptStates(int batch) {
        if (!settings.stateful || states == null) {
            return null;
        }
        if (states[0].dim(0) != batch) {
            throw error("is stateful with batch size " + states[0].dim(0) + ", got a batch of " + batch);
        }
        List<Variable> kept = new ArrayList<>();
        for (Tensor s : states) {
            kept.add(Variable.constant(s));
        }
        return kept;
    }

    private void keepStates(RecurrentOutput out) {
        Tensor h = out.h().value();
        Tensor c = out.c() == null ? null : out.c().value();
        states = BufferArena.detached(() -> c == null ? new Tensor[] {h.copy()} : new Tensor[] {h.copy(), c.copy()});
    }

    /** Keras' input dropout: one mask per sequence and feature, the same at every step. */
    private Variable dropInputs(Variable input) {
        int[] shape = input.shape();
        Tensor mask = dropoutRng.dropoutMask(settings.dropout, shape[0], 1, shape[2]);
        Variable dropped = input.mul(Variable.constant(mask));
        return input.mask() == null ? dropped : dropped.withMask(input.mask());
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("units", settings.units);
        config.put("activation", settings.activation.kerasName());
        config.put("use_bias", settings.useBias);
        config.put("kernel_initializer", settings.kernelInitializer.name());
        config.put("recurrent_initializer", settings.recurrentInitializer.name());
        config.put("bias_initializer", settings.biasInitializer.name());
        config.put("dropout", settings.dropout);
        config.put("recurrent_dropout", settings.recurrentDropout);
        config.put("return_sequences", settings.returnSequences);
        config.put("return_state", settings.returnState);
        config.put("go_backwards", settings.goBackwards);
        config.put("stateful", settings.stateful);
        config.put("truncate_bptt", settings.truncateBptt);
        return config;
    }

    /** Reads into {@code builder} the options {@link #config()} writes for every recurrent layer. */
    static <B extends Builder<B>> B readConfig(B builder, LayerConfig c) {
        return builder.optName(c.optName())
                .setUnits(c.intValue("units"))
                .optActivation(c.activation("activation"))
                .optUseBias(c.bool("use_bias"))
                .optKernelInitializer(c.initializer("kernel_initializer"))
                .optRecurrentInitializer(c.initializer("recurrent_initializer"))
                .optBiasInitializer(c.initializer("bias_initializer"))
                .optDropout(c.floatValue("dropout"))
                .optRecurrentDropout(c.floatValue("recurrent_dropout"))
                .optReturnSequences(c.bool("return_sequences"))
                .optReturnState(c.bool("return_state"))
                .optGoBackwards(c.bool("go_backwards"))
                .optStateful(c.bool("stateful"))
                .optTruncateBptt(c.intValue("truncate_bptt"));
    }

    /** The options every recurrent layer takes, with Keras' defaults; the builders fill it in. */
    static final class Settings implements Cloneable {
        String name;
        int units;
        boolean useBias = true;
        Initializer kernelInitializer = Initializer.glorotUniform();
        Initializer recurrentInitializer = Initializer.orthogonal();
        Initializer biasInitializer = Initializer.zeros();
        Activation activation = Activation.TANH;
        Activation recurrentActivation = Activation.SIGMOID;
        float dropout;
        float recurrentDropout;
        boolean returnSequences;
        boolean returnState;
        boolean goBackwards;
        boolean stateful;
        int truncateBptt;

        Settings copy(String newName, boolean backwards) {
            try {
                Settings s = (Settings) clone();
                s.name = newName;
                s.goBackwards = backwards;
                return s;
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** The builder methods every recurrent layer shares; {@code setUnits} is required. */
    @SuppressWarnings("unchecked")
    public abstract static class Builder<B extends Builder<B>> {
        final Settings settings = new Settings();

        public B setUnits(int value) {
            settings.units = value;
            return (B) this;
        }

        public B optName(String value) {
            settings.name = value;
            return (B) this;
        }

        public B optUseBias(boolean value) {
            settings.useBias = value;
            return (B) this;
        }

        public B optKernelInitializer(Initializer value) {
            settings.kernelInitializer = value;
            return (B) this;
        }

        public B optRecurrentInitializer(Initializer value) {
            settings.recurrentInitializer = value;
            return (B) this;
        }

        public B optBiasInitializer(Initializer value) {
            settings.biasInitializer = value;
            return (B) this;
        }

        /** The activation of the state (tanh by default); other than tanh, the layer runs unfused. */
        public B optActivation(Activation value) {
            settings.activation = value;
            return (B) this;
        }

        /** Fraction of input features dropped during training, one mask per sequence. */
        public B optDropout(float value) {
            settings.dropout = value;
            return (B) this;
        }

        /**
         * Fraction of the units of {@code h_{t-1}} dropped where it enters the recurrent product during
         * training, one mask per sequence (Keras' {@code recurrent_dropout}); such training runs unfused.
         */
        public B optRecurrentDropout(float value) {
            settings.recurrentDropout = value;
            return (B) this;
        }

        public B optReturnSequences(boolean value) {
            settings.returnSequences = value;
            return (B) this;
        }

        /** Makes {@link #callWithState} return the final states as well (they are computed anyway). */
        public B optReturnState(boolean value) {
            settings.returnState = value;
            return (B) this;
        }

        public B optGoBackwards(boolean value) {
            settings.goBackwards = value;
            return (B) this;
        }

        public B optStateful(boolean value) {
            settings.stateful = value;
            return (B) this;
        }

        /** Gradients flow back at most {@code steps} steps (0, the default: the whole sequence). */
        public B optTruncateBptt(int steps) {
            settings.truncateBptt = steps;
            return (B) this;
        }
    }
}
