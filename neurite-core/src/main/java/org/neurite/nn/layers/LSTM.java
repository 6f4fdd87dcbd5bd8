package org.neurite.nn.layers;

import java.util.List;
import java.util.Map;
import org.neurite.autograd.LstmOps;
import org.neurite.autograd.RecurrentOptions;
import org.neurite.autograd.RecurrentOutput;
import org.neurite.autograd.Reshaping;
import org.neurite.autograd.TokenInputs;
import org.neurite.autograd.Variable;
import org.neurite.nn.Activation;
import org.neurite.nn.Initializer;
import org.neurite.nn.LayerConfig;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;

/**
 * Long short-term memory, Keras' {@code LSTM}: gates i, f, c, o in that order, with σ the
 * recurrent_activation (sigmoid) and tanh the activation by default,
 * <pre>
 *   i = σ(x·W_i + h·U_i + b_i)   f = σ(x·W_f + h·U_f + b_f)   o = σ(x·W_o + h·U_o + b_o)
 *   c_t = f ⊙ c_{t-1} + i ⊙ tanh(x·W_c + h·U_c + b_c)        h_t = o ⊙ tanh(c_t)
 * </pre>
 * {@code 4·(units·(in + units) + units)} parameters; the forget-gate bias starts at 1
 * ({@code unit_forget_bias}). The whole sequence runs as one fused op ({@link LstmOps}) with the
 * default activations, step by step with others; see {@link RecurrentLayer} for the shared options.
 * States for {@link #callWithState}: h, then c.
 *
 * <pre>{@code
 * LSTM lstm = new LSTM(128);
 * LSTM encoder = LSTM.builder().setUnits(64).optReturnSequences(true).optDropout(0.2f).build();
 * }</pre>
 */
public final class LSTM extends RecurrentLayer {
    private final boolean unitForgetBias;

    private LSTM(Settings settings, boolean unitForgetBias) {
        super(settings);
        this.unitForgetBias = unitForgetBias;
    }

    /** {@code units} units with Keras' defaults. */
    public LSTM(int units) {
        this(builder().setUnits(units).settings, true);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String type() {
        return "LSTM";
    }

    @Override
    int gates() {
        return 4;
    }

    @Override
    public int stateCount() {
        return 2;
    }

    @Override
    int[] biasShape() {
        return new int[] {4 * units()};
    }

    @Override
    Initializer biasInitializer() {
        Initializer base = settings.biasInitializer;
        if (!unitForgetBias) {
            return base;
        }
        int u = units();
        return new Initializer() {
            @Override
            public Tensor create(Rng rng, int... shape) {
                Tensor b = base.create(rng, shape);
                java.util.Arrays.fill(b.data(), b.offset() + u, b.offset() + 2 * u, 1f);
                return b;
            }

            @Override
            public String name() {
                return base.name();
            }
        };
    }

    @Override
    boolean fusedOpSupports() {
        return activation() == Activation.TANH && settings.recurrentActivation == Activation.SIGMOID;
    }

    /** The equations above, with {@code hRec} for h in the products. */
    @Override
    List<Variable> step(Variable x, List<Variable> states, Variable hRec, Variable kernel, Variable recurrentKernel,
                        Variable bias) {
        Variable z = x.matmul(kernel).add(hRec.matmul(recurrentKernel));                  // (batch, 4·units)
        Variable[] g = Reshaping.split(bias == null ? z : z.add(bias), 1, units(), units(), units(), units());
        Activation sigma = settings.recurrentActivation;
        Variable c = sigma.apply(g[1]).mul(states.get(1)).add(sigma.apply(g[0]).mul(activation().apply(g[2])));
        Variable h = sigma.apply(g[3]).mul(activation().apply(c));                        // (batch, units)
        return List.of(h, c);
    }

    @Override
    RecurrentOutput run(Variable x, Variable kernel, Variable recurrentKernel, Variable bias,
                        List<Variable> initialStates, Tensor mask, RecurrentOptions options) {
        return LstmOps.lstm(x, kernel, recurrentKernel, bias, initialStates == null ? null : initialStates.get(0),
                initialStates == null ? null : initialStates.get(1), mask, options);
    }

    @Override
    RecurrentOutput runOnTokens(TokenInputs tokens, Variable kernel, Variable recurrentKernel, Variable bias,
                                Tensor mask, RecurrentOptions options) {
        return LstmOps.lstm(tokens, kernel, recurrentKernel, bias, null, null, mask, options);
    }

    @Override
    LSTM copy(String name, boolean goBackwards) {
        return new LSTM(settings.copy(name, goBackwards), unitForgetBias);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("recurrent_activation", settings.recurrentActivation.kerasName());
        config.put("unit_forget_bias", unitForgetBias);
        return config;
    }

    /** The layer {@link #config()} describes. */
    public static LSTM fromConfig(LayerConfig c) {
        return readConfig(builder(), c)
                .optRecurrentActivation(c.activation("recurrent_activation"))
                .optUnitForgetBias(c.bool("unit_forget_bias"))
                .build();
    }

    /** Builds an {@link LSTM}; see {@link RecurrentLayer.Builder} for the shared options. */
    public static final class Builder extends RecurrentLayer.Builder<Builder> {
        private boolean unitForgetBias = true;

        private Builder() {
        }

        /** Starts the forget gate's bias at 1 (the default), as Jozefowicz et al. recommend. */
        public Builder optUnitForgetBias(boolean value) {
            unitForgetBias = value;
            return this;
        }

        /** The activation of the gates i, f, o (sigmoid by default). */
        public Builder optRecurrentActivation(Activation value) {
            settings.recurrentActivation = value;
            return this;
        }

        public LSTM build() {
            return new LSTM(settings, unitForgetBias);
        }
    }
}
