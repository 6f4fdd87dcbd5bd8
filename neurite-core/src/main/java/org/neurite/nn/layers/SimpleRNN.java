package org.neurite.nn.layers;

import java.util.List;
import java.util.Map;
import org.neurite.autograd.FusedActivation;
import org.neurite.autograd.RecurrentOptions;
import org.neurite.autograd.RecurrentOutput;
import org.neurite.autograd.SimpleRnnOps;
import org.neurite.autograd.Variable;
import org.neurite.nn.Activation;
import org.neurite.nn.Initializer;
import org.neurite.tensor.Tensor;

/**
 * A fully connected recurrent layer, Keras' {@code SimpleRNN}:
 * {@code h_t = activation(x_t·W + h_{t-1}·U + b)}, tanh by default (relu, sigmoid, linear also);
 * {@code units·(in + units) + units} parameters. One fused op over the sequence
 * ({@link SimpleRnnOps}); see {@link RecurrentLayer} for the shared options.
 *
 * <pre>{@code
 * SimpleRNN rnn = SimpleRNN.builder().setUnits(32).optActivation(Activation.RELU).build();
 * }</pre>
 */
public final class SimpleRNN extends RecurrentLayer {
    private final Activation activation;

    private SimpleRNN(Settings settings, Activation activation) {
        super(settings);
        if (activation.fused() == null && activation != Activation.SIGMOID) {
            throw new IllegalArgumentException("SimpleRNN: activation must be tanh, relu, sigmoid or linear, got "
                    + activation.kerasName());
        }
        this.activation = activation;
    }

    /** {@code units} units with Keras' defaults. */
    public SimpleRNN(int units) {
        this(builder().setUnits(units).settings, Activation.TANH);
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
    int stateCount() {
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
    RecurrentOutput run(Variable x, Variable kernel, Variable recurrentKernel, Variable bias,
                        List<Variable> initialStates, Tensor mask, RecurrentOptions options) {
        FusedActivation fused = activation == Activation.SIGMOID ? FusedActivation.SIGMOID : activation.fused();
        return SimpleRnnOps.simpleRnn(x, kernel, recurrentKernel, bias,
                initialStates == null ? null : initialStates.get(0), mask, fused, options);
    }

    @Override
    SimpleRNN copy(String name, boolean goBackwards) {
        return new SimpleRNN(settings.copy(name, goBackwards), activation);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("activation", activation.kerasName());
        return config;
    }

    /** Builds a {@link SimpleRNN}; see {@link RecurrentLayer.Builder} for the shared options. */
    public static final class Builder extends RecurrentLayer.Builder<Builder> {
        private Activation activation = Activation.TANH;

        private Builder() {
        }

        public Builder optActivation(Activation value) {
            activation = value;
            return this;
        }

        public SimpleRNN build() {
            return new SimpleRNN(settings, activation);
        }
    }
}
