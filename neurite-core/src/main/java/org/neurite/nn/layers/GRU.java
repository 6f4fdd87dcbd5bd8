package org.neurite.nn.layers;

import java.util.List;
import java.util.Map;
import org.neurite.autograd.GruOps;
import org.neurite.autograd.RecurrentOptions;
import org.neurite.autograd.RecurrentOutput;
import org.neurite.autograd.Reshaping;
import org.neurite.autograd.TokenInputs;
import org.neurite.autograd.Variable;
import org.neurite.nn.Activation;
import org.neurite.nn.Initializer;
import org.neurite.nn.LayerConfig;
import org.neurite.tensor.Tensor;

/**
 * Gated recurrent unit, Keras' {@code GRU}: gates z, r, h in that order, with σ the
 * recurrent_activation (sigmoid) and tanh the activation by default,
 * <pre>
 *   z = σ(x·W_z + h·U_z + b_z)   r = σ(x·W_r + h·U_r + b_r)
 *   ĥ = tanh(x·W_h + b_h + r ⊙ (h·U_h + b'_h))      (reset_after, the default; PyTorch's GRU)
 *   ĥ = tanh(x·W_h + b_h + (r ⊙ h)·U_h)              (reset_after = false)
 *   h_t = z ⊙ h_{t-1} + (1 - z) ⊙ ĥ
 * </pre>
 * With reset_after the bias is {@code (2, 3·units)} (input row, recurrent row) and the layer has
 * {@code 3·(units·(in + units) + 2·units)} parameters; without, {@code (3·units)} and
 * {@code 3·(units·(in + units) + units)}. One fused op ({@link GruOps}) with the default
 * activations, step by step with others; see {@link RecurrentLayer}.
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
    public int stateCount() {
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
    boolean fusedOpSupports() {
        return activation() == Activation.TANH && settings.recurrentActivation == Activation.SIGMOID;
    }

    /** The equations above, with {@code hRec} for h in the products and h itself in the mix. */
    @Override
    List<Variable> step(Variable x, List<Variable> states, Variable hRec, Variable kernel, Variable recurrentKernel,
                        Variable bias) {
        int u = units();
        Variable xw = x.matmul(kernel);                                                   // (batch, 3·units)
        Variable inputBias = bias == null ? null : resetAfter ? Reshaping.slice(bias, 0, 0, 1) : bias;
        Variable[] xg = Reshaping.split(inputBias == null ? xw : xw.add(inputBias), 1, u, u, u);
        Variable[] zh = resetAfter ? gatesResetAfter(xg, hRec, recurrentKernel, bias)
                : gatesResetBefore(xg, hRec, recurrentKernel);
        Variable z = zh[0];
        Variable h = states.get(0);
        return List.of(z.mul(h).add(z.neg().add(1f).mul(activation().apply(zh[1]))));   // (batch, units)
    }

    /** z and the candidate's pre-activation {@code x·W_h + b_h + r ⊙ (h·U_h + b'_h)}. */
    private Variable[] gatesResetAfter(Variable[] xg, Variable hRec, Variable recurrentKernel, Variable bias) {
        int u = units();
        Variable hu = hRec.matmul(recurrentKernel);                                      // (batch, 3·units)
        Variable[] hg = Reshaping.split(bias == null ? hu : hu.add(Reshaping.slice(bias, 0, 1, 2)), 1, u, u, u);
        Activation sigma = settings.recurrentActivation;
        Variable r = sigma.apply(xg[1].add(hg[1]));
        return new Variable[] {sigma.apply(xg[0].add(hg[0])), xg[2].add(r.mul(hg[2]))};
    }

    /** z and the candidate's pre-activation {@code x·W_h + b_h + (r ⊙ h)·U_h}. */
    private Variable[] gatesResetBefore(Variable[] xg, Variable hRec, Variable recurrentKernel) {
        int u = units();
        Variable[] uk = Reshaping.split(recurrentKernel, 1, u, u, u);                     // (units, units) each
        Activation sigma = settings.recurrentActivation;
        Variable r = sigma.apply(xg[1].add(hRec.matmul(uk[1])));
        return new Variable[] {sigma.apply(xg[0].add(hRec.matmul(uk[0]))), xg[2].add(r.mul(hRec).matmul(uk[2]))};
    }

    @Override
    RecurrentOutput run(Variable x, Variable kernel, Variable recurrentKernel, Variable bias,
                        List<Variable> initialStates, Tensor mask, RecurrentOptions options) {
        return GruOps.gru(x, kernel, recurrentKernel, bias, initialStates == null ? null : initialStates.get(0),
                mask, resetAfter, options);
    }

    @Override
    RecurrentOutput runOnTokens(TokenInputs tokens, Variable kernel, Variable recurrentKernel, Variable bias,
                                Tensor mask, RecurrentOptions options) {
        return GruOps.gru(tokens, kernel, recurrentKernel, bias, null, mask, resetAfter, options);
    }

    @Override
    GRU copy(String name, boolean goBackwards) {
        return new GRU(settings.copy(name, goBackwards), resetAfter);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("recurrent_activation", settings.recurrentActivation.kerasName());
        config.put("reset_after", resetAfter);
        return config;
    }

    /** The layer {@link #config()} describes. */
    public static GRU fromConfig(LayerConfig c) {
        return readConfig(builder(), c)
                .optRecurrentActivation(c.activation("recurrent_activation"))
                .optResetAfter(c.bool("reset_after"))
                .build();
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

        /** The activation of the gates z and r (sigmoid by default). */
        public Builder optRecurrentActivation(Activation value) {
            settings.recurrentActivation = value;
            return this;
        }

        public GRU build() {
            return new GRU(settings, resetAfter);
        }
    }
}
