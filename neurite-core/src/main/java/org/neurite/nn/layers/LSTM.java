package org.neurite.nn.layers;

import java.util.List;
import java.util.Map;
import org.neurite.autograd.LstmOps;
import org.neurite.autograd.RecurrentOptions;
import org.neurite.autograd.RecurrentOutput;
import org.neurite.autograd.Variable;
import org.neurite.nn.Initializer;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;

/**
 * Long short-term memory, Keras' {@code LSTM}: gates i, f, c, o in that order,
 * <pre>
 *   i = σ(x·W_i + h·U_i + b_i)   f = σ(x·W_f + h·U_f + b_f)   o = σ(x·W_o + h·U_o + b_o)
 *   c_t = f ⊙ c_{t-1} + i ⊙ tanh(x·W_c + h·U_c + b_c)        h_t = o ⊙ tanh(c_t)
 * </pre>
 * {@code 4·(units·(in + units) + units)} parameters; the forget-gate bias starts at 1
 * ({@code unit_forget_bias}). The whole sequence runs as one fused op ({@link LstmOps}); see
 * {@link RecurrentLayer} for the shared options. States for {@link #callWithState}: h, then c.
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
    int stateCount() {
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
    RecurrentOutput run(Variable x, Variable kernel, Variable recurrentKernel, Variable bias,
                        List<Variable> initialStates, Tensor mask, RecurrentOptions options) {
        return LstmOps.lstm(x, kernel, recurrentKernel, bias, initialStates == null ? null : initialStates.get(0),
                initialStates == null ? null : initialStates.get(1), mask, options);
    }

    @Override
    LSTM copy(String name, boolean goBackwards) {
        return new LSTM(settings.copy(name, goBackwards), unitForgetBias);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("activation", "tanh");
        config.put("recurrent_activation", "sigmoid");
        config.put("unit_forget_bias", unitForgetBias);
        return config;
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

        public LSTM build() {
            return new LSTM(settings, unitForgetBias);
        }
    }
}
