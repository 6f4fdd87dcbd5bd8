package org.neurite.nn.layers;

import java.util.List;
import java.util.Map;
import org.neurite.autograd.Fused;
import org.neurite.autograd.FusedActivation;
import org.neurite.autograd.Variable;
import org.neurite.nn.Activation;
import org.neurite.nn.Initializer;
import org.neurite.nn.Layer;
import org.neurite.nn.LayerConfig;
import org.neurite.nn.Parameter;
import org.neurite.nn.Regularizer;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Shapes;

/**
 * A fully connected layer: {@code y = activation(x·W + b)}, with kernel W {@code (in, units)} and
 * bias b {@code (units)}; {@code units·(in + 1)} parameters. Inputs of higher rank
 * {@code (batch, ..., in)} are transformed along their last axis; a timestep mask on a sequence
 * {@code (batch, time, in)} passes through to the output, as in Keras.
 *
 * <p>Defaults as Keras: no activation (linear), a bias, glorot_uniform kernel, zero bias. When the
 * activation can be fused (relu, tanh, linear), matmul, bias and activation run as one operation.
 *
 * <pre>{@code
 * Dense hidden = new Dense(256, Activation.RELU);
 * Dense custom = Dense.builder().setUnits(64).optActivation(Activation.TANH)
 *         .optKernelInitializer(Initializer.heNormal()).optKernelRegularizer(Regularizer.l2(1e-4f)).build();
 * }</pre>
 */
public final class Dense extends Layer {
    private final int units;
    private final Activation activation;
    private final boolean useBias;
    private final Initializer kernelInitializer;
    private final Initializer biasInitializer;
    private final Regularizer kernelRegularizer;
    private final Regularizer biasRegularizer;
    private Parameter kernel;
    private Parameter bias;

    private Dense(Builder b) {
        super(b.name);
        if (b.units <= 0) {
            throw new IllegalArgumentException("Dense: units must be positive, got " + b.units);
        }
        this.units = b.units;
        this.activation = b.activation;
        this.useBias = b.useBias;
        this.kernelInitializer = b.kernelInitializer;
        this.biasInitializer = b.biasInitializer;
        this.kernelRegularizer = b.kernelRegularizer;
        this.biasRegularizer = b.biasRegularizer;
    }

    /** {@code units} outputs with the given activation and Keras' other defaults. */
    public Dense(int units, Activation activation) {
        this(builder().setUnits(units).optActivation(activation));
    }

    /**
     * {@code units} outputs with the activation of this Keras name ({@code "relu"}, {@code "softmax"}):
     * Keras' {@code Dense(units, activation="relu")}.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public Dense(int units, String activation) {
        this(units, Activation.byName(activation));
    }

    /** {@code units} linear outputs. */
    public Dense(int units) {
        this(units, Activation.LINEAR);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String type() {
        return "Dense";
    }

    public int units() {
        return units;
    }

    public Activation activation() {
        return activation;
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (inputShape.length == 0 || inputShape[inputShape.length - 1] <= 0) {
            throw error("expects inputs of shape (batch, ..., features) with known features, got "
                    + Shapes.toString(inputShape));
        }
        int[] out = inputShape.clone();
        out[out.length - 1] = units;
        return out;
    }

    @Override
    protected void createWeights(List<int[]> inputShapes, Rng rng) {
        int[] shape = inputShapes.get(0);
        int in = shape[shape.length - 1];
        kernel = addParameter("kernel", kernelInitializer, kernelRegularizer, true, rng, in, units);
        if (useBias) {
            bias = addParameter("bias", biasInitializer, biasRegularizer, true, rng, units);
        }
    }

    @Override
    public Variable call(Variable input, boolean training) {
        int[] shape = input.shape();
        int in = kernel.value().dim(0);
        if (shape.length < 2 || shape[shape.length - 1] != in) {
            throw error("expects inputs of shape (batch, ..., " + in + "), got " + Shapes.toString(shape));
        }
        Variable x = shape.length == 2 ? input : input.reshape(-1, in);
        FusedActivation fused = activation.fused();
        Variable y = Fused.linear(x, kernel.variable(), bias == null ? null : bias.variable(),
                fused == null ? FusedActivation.LINEAR : fused);
        if (fused == null) {
            y = activation.apply(y);
        }
        Variable out = shape.length == 2 ? y : y.reshape(outputShapeWithBatch(shape));
        return out.withMask(input.mask());
    }

    private int[] outputShapeWithBatch(int[] shape) {
        int[] out = shape.clone();
        out[out.length - 1] = units;
        return out;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("units", units);
        config.put("activation", activation.kerasName());
        config.put("use_bias", useBias);
        config.put("kernel_initializer", kernelInitializer.name());
        config.put("bias_initializer", biasInitializer.name());
        config.put("kernel_regularizer", kernelRegularizer);
        config.put("bias_regularizer", biasRegularizer);
        return config;
    }

    /** The layer {@link #config()} describes. */
    public static Dense fromConfig(LayerConfig c) {
        return builder()
                .optName(c.optName())
                .setUnits(c.intValue("units"))
                .optActivation(c.activation("activation"))
                .optUseBias(c.bool("use_bias"))
                .optKernelInitializer(c.initializer("kernel_initializer"))
                .optBiasInitializer(c.initializer("bias_initializer"))
                .optKernelRegularizer(c.optRegularizer("kernel_regularizer"))
                .optBiasRegularizer(c.optRegularizer("bias_regularizer"))
                .build();
    }

    /** Builds a {@link Dense}: {@code setUnits} is required, the rest optional. */
    public static final class Builder {
        private String name;
        private int units;
        private Activation activation = Activation.LINEAR;
        private boolean useBias = true;
        private Initializer kernelInitializer = Initializer.glorotUniform();
        private Initializer biasInitializer = Initializer.zeros();
        private Regularizer kernelRegularizer;
        private Regularizer biasRegularizer;

        private Builder() {
        }

        public Builder setUnits(int value) {
            this.units = value;
            return this;
        }

        public Builder optName(String value) {
            this.name = value;
            return this;
        }

        public Builder optActivation(Activation value) {
            this.activation = value;
            return this;
        }

        public Builder optUseBias(boolean value) {
            this.useBias = value;
            return this;
        }

        public Builder optKernelInitializer(Initializer value) {
            this.kernelInitializer = value;
            return this;
        }

        public Builder optBiasInitializer(Initializer value) {
            this.biasInitializer = value;
            return this;
        }

        public Builder optKernelRegularizer(Regularizer value) {
            this.kernelRegularizer = value;
            return this;
        }

        public Builder optBiasRegularizer(Regularizer value) {
            this.biasRegularizer = value;
            return this;
        }

        public Dense build() {
            return new Dense(this);
        }
    }
}
