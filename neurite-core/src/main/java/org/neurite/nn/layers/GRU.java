package org.neurite.nn.layers;

import java.util.List;
import java.util.Map;
import org.neurite.autograd.GruOps;
import org.neurite.autograd.RecurrentOptions;
import org.neurite.autograd.RecurrentOutput;
import org.neurite.autograd.Variable;
import org.neurite.nn.Initializer;
import org.neurite.tensor.Tensor;

/**
 * Gated recurrent unit, Keras' {@code GRU}: gates z, r, h in that order,
 * <pre>
 *   z = σ(x·W_z + h·U_z + b_z)   r = σ(x·W_r + h·U_r + b_r)
 *   ĥ = tanh(x·W_h + b_h + r ⊙ (h·U_h + b'_h))      (reset_after, the default; PyTorch's GRU)
 *   ĥ = tanh(x·W_h + b_h + (r ⊙ h)·U_h)              (reset_after = false)
 *   h_t = z ⊙ h_{t-1} + (1 - z) ⊙ ĥ
 * </pre>
 * With reset_after the bias is {@code (2, 3·units)} (input row, recurrent row) and the layer has
 * {@code 3·(units·(in + units) + 2·units)} parameters; without, {@code (3·units)} and
 * {@code 3·(units·(in + units) + units)}. One fused op ({@link GruOps}); see {@link RecurrentLayer}.
 */
public final class GRU extends RecurrentLayer {
    private final boolean resetAfter;

    private GRU(Settings settings, boolean resetAfter) {
        super(settings);
        this.resetAfter = resetAfter;
    }

    /** {@code units} units with Keras' defaults (reset_after). */
    public GRU(int units) {
        this(builder().setUnits(units).settings, true);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String type() {
        return "GRU";
    }

    @Override
    int gates() {
        return 3;
    }

    @Override
    int stateCount() {
        return 1;
    }

    @Override
    int[] biasShape() {
        return resetAfter ? new int[] {2, 3 * units()} : new int[] {3 * units()};
    }

    @Override
    Initializer biasInitializer() {
        return settings.biasInitializer;
    }

    @Override
    RecurrentOutput run(Variable x, Variable kernel, Variable recurrentKernel, Variable bias,
                        List<Variable> initialStates, Tensor mask, RecurrentOptions options) {
        return GruOps.gru(x, kernel, recurrentKernel, bias, initialStates == null ? null : initialStates.get(0),
                mask, resetAfter, options);
    }

    @Override
    GRU copy(String name, boolean goBackwards) {
        return new GRU(settings.copy(name, goBackwards), resetAfter);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("activation", "tanh");
        config.put("recurrent_activation", "sigmoid");
        config.put("reset_after", resetAfter);
        return config;
    }

    /** Builds a {@link GRU}; see {@link RecurrentLayer.Builder} for the shared options. */
    public static final class Builder extends RecurrentLayer.Builder<Builder> {
        private boolean resetAfter = true;

        private Builder() {
        }

        public Builder optResetAfter(boolean value) {
            resetAfter = value;
            return this;
        }

        public GRU build() {
            return new GRU(settings, resetAfter);
        }
    }
}
