package org.neurite.nn.layers;

import java.util.List;
import org.neurite.autograd.FusedActivation;
import org.neurite.autograd.RecurrentOptions;
import org.neurite.autograd.RecurrentOutput;
import org.neurite.autograd.SimpleRnnOps;
import org.neurite.autograd.Variable;
import org.neurite.nn.Activation;
import org.neurite.nn.Initializer;
import org.neurite.nn.LayerConfig;
import org.neurite.tensor.Tensor;

/**
 * A fully connected recurrent layer, Keras' {@code SimpleRNN}:
 * {@code h_t = activation(x_t·W + h_{t-1}·U + b)}, tanh by default; {@code units·(in + units) + units}
 * parameters. One fused op over the sequence ({@link SimpleRnnOps}) for tanh, relu, sigmoid and
 * linear; any other activation runs step by step. See {@link RecurrentLayer} for the shared options.
 *
 * <pre>{@code
 * SimpleRNN rnn = SimpleRNN.builder().setUnits(32).optActivation(Activation.RELU).build();
 * }</pre>
 */
public final class SimpleRNN extends RecurrentLayer {
    private SimpleRNN(Settings settings) {
        super(settings);
    }

    /** {@code units} units with Keras' defaults. */
    public SimpleRNN(int units) {
        this(builder().setUnits(units).settings);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String type() {
        return "SimpleRNN";
    }

    @Override
    int gates() {
        return 1;
    }

    @Override
    public int stateCount() {
        return 1;
    }

    @Override
    int[] biasShape() {
        return new int[] {units()};
    }

    @Override
    Initializer biasInitializer() {
        return settings.biasInitializer;
    }

    @Override
    boolean fusedOpSupports() {
        return activation().fused() != null || activation() == Activation.SIGMOID;
    }

    /** {@code h_t = activation(x_t·W + h_{t-1}·U + b)}. */
    @Override
    List<Variable> step(Variable x, List<Variable> states, Variable hRec, Variable kernel, Variable recurrentKernel,
                        Variable bias) {
        Variable z = x.matmul(kernel).add(hRec.matmul(recurrentKernel));                  // (batch, units)
        return List.of(activation().apply(bias == null ? z : z.add(bias)));
    }

    @Override
    RecurrentOutput run(Variable x, Variable kernel, Variable recurrentKernel, Variable bias,
                        List<Variable> initialStates, Tensor mask, RecurrentOptions options) {
        FusedActivation fused = activation() == Activation.SIGMOID ? FusedActivation.SIGMOID : activation().fused();
        return SimpleRnnOps.simpleRnn(x, kernel, recurrentKernel, bias,
                initialStates == null ? null : initialStates.get(0), mask, fused, options);
    }

    @Override
    SimpleRNN copy(String name, boolean goBackwards) {
        return new SimpleRNN(settings.copy(name, goBackwards));
    }

    /** The layer {@link #config()} describes: the options every recurrent layer writes. */
    public static SimpleRNN fromConfig(LayerConfig c) {
        return readConfig(builder(), c).build();
    }

    /** Builds a {@link SimpleRNN}; see {@link RecurrentLayer.Builder} for the shared options. */
    public static final class Builder extends RecurrentLayer.Builder<Builder> {
        private Builder() {
        }

        public SimpleRNN build() {
            return new SimpleRNN(settings);
        }
    }
}
