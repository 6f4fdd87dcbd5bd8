package org.neurite.nn.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neurite.autograd.RecurrentOptions;
import org.neurite.autograd.RecurrentOutput;
import org.neurite.autograd.Variable;
import org.neurite.nn.Activation;
import org.neurite.nn.Initializer;
import org.neurite.nn.Layer;
import org.neurite.nn.LayerConfig;
import org.neurite.nn.Parameter;
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
 * <p>Options: {@code return_sequences}; {@code return_state} (use {@link #callWithState} to get the
 * states; {@link #call} returns the output only); {@code go_backwards}; {@code stateful} (the final
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
        if (initial != null && initial.size() != stateCount()) {
            throw error("expects " + stateCount() + " initial states, got " + initial.size());
        }
        Variable x = training && settings.dropout > 0f ? dropInputs(input) : input;
        RecurrentOptions options = new RecurrentOptions(settings.returnSequences,
                settings.returnState || settings.stateful, settings.goBackwards, settings.truncateBptt,
                zeroOutputForMask);
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
        return dropMask(batch, settings.units, settings.recurrentDropout);
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
        Tensor mask = dropMask(shape[0], shape[2], settings.dropout).reshape(shape[0], 1, shape[2]);
        Variable dropped = input.mul(Variable.constant(mask));
        return input.mask() == null ? dropped : dropped.withMask(input.mask());
    }

    /** {@code (rows, columns)} of 0 (probability {@code rate}) or {@code 1/(1-rate)}. */
    private Tensor dropMask(int rows, int columns, float rate) {
        Tensor mask = Tensor.empty(rows, columns);
        float keep = 1f / (1f - rate);
        float[] m = mask.data();
        for (int i = 0; i < mask.size(); i++) {
            m[i] = dropoutRng.uniform(0f, 1f) < rate ? 0f : keep;
        }
        return mask;
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
