package org.neurite.nn.layers;

import java.util.List;
import java.util.Map;
import org.neurite.autograd.Convolution1D;
import org.neurite.autograd.FusedActivation;
import org.neurite.autograd.TapProducts;
import org.neurite.autograd.Variable;
import org.neurite.kernels.Window1D;
import org.neurite.nn.Activation;
import org.neurite.nn.Initializer;
import org.neurite.nn.Layer;
import org.neurite.nn.LayerConfig;
import org.neurite.nn.Parameter;
import org.neurite.nn.Regularizer;
import org.neurite.nn.RowLookup;
import org.neurite.nn.RowReader;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Shapes;
import org.neurite.tensor.Tensor;

/**
 * A 1-D convolution over time, Keras' {@code Conv1D}: {@code (batch, time, channels)} to
 * {@code (batch, outTime, filters)} with
 * <pre>
 *   y[b, l, f] = activation( bias[f] + Σ_{j<kernelSize} Σ_{c<channels/groups}
 *                            x[b, l·strides + j·dilation - padLeft, g·channels/groups + c] · kernel[j, c, f] )
 * </pre>
 * where {@code g} is filter f's group (filters and channels are split into {@code groups} equal
 * groups, each filter seeing only its group's channels) and padding steps read as zero. The kernel is
 * Keras' {@code (kernel_size, channels/groups, filters)}, the bias {@code (filters)}, so Keras weights
 * map one to one; {@code kernelSize·(channels/groups)·filters + filters} parameters.
 *
 * <p>{@code outTime} follows {@link ConvPadding}: valid {@code floor((time - span)/strides) + 1},
 * same and causal {@code ceil(time/strides)}, with span {@code (kernelSize-1)·dilation + 1}. As in Keras,
 * strides and dilation cannot both exceed 1. Computed as one GEMM per sequence, tap and group on rows of
 * the input read in place, with no im2col copy ({@link Convolution1D}); relu, tanh and sigmoid run in the
 * same pass, as in {@link Dense}.
 *
 * <p>Masks: like Keras 3, whose Conv1D does not support masking, a timestep mask on the input is
 * dropped (Keras warns that the mask is destroyed): the output carries no mask, and padded steps
 * take part in the convolution.
 *
 * <pre>{@code
 * SequentialNetwork model = SequentialNetwork.of(Input.of(500), new Embedding(20000, 128),
 *         Conv1D.builder().setFilters(128).setKernelSize(7).optStrides(3).optActivation(Activation.RELU).build(),
 *         new GlobalMaxPooling1D(), new Dense(1, Activation.SIGMOID));
 * }</pre>
 */
public final class Conv1D extends Layer implements RowReader {
    private final int filters;
    private final int kernelSize;
    private final int strides;
    private final ConvPadding padding;
    private final int dilation;
    private final int groups;
    private final Activation activation;
    private final boolean useBias;
    private final Initializer kernelInitializer;
    private final Initializer biasInitializer;
    private final Regularizer kernelRegularizer;
    private final Regularizer biasRegularizer;
    private Parameter kernel;
    private Parameter bias;

    private Conv1D(Builder b) {
        super(b.name);
        requirePositive("filters", b.filters);
        requirePositive("kernel_size", b.kernelSize);
        requirePositive("strides", b.strides);
        requirePositive("dilation_rate", b.dilation);
        requirePositive("groups", b.groups);
        if (b.filters % b.groups != 0) {
            throw new IllegalArgumentException("Conv1D: filters (" + b.filters + ") must be divisible by groups ("
                    + b.groups + ")");
        }
        if (b.strides > 1 && b.dilation > 1) {
            throw new IllegalArgumentException("Conv1D: strides > 1 is not supported with dilation_rate > 1, got strides="
                    + b.strides + " and dilation_rate=" + b.dilation);
        }
        this.filters = b.filters;
        this.kernelSize = b.kernelSize;
        this.strides = b.strides;
        this.padding = b.padding;
        this.dilation = b.dilation;
        this.groups = b.groups;
        this.activation = b.activation;
        this.useBias = b.useBias;
        this.kernelInitializer = b.kernelInitializer;
        this.biasInitializer = b.biasInitializer;
        this.kernelRegularizer = b.kernelRegularizer;
        this.biasRegularizer = b.biasRegularizer;
    }

    /** {@code filters} linear filters of {@code kernelSize} steps, valid padding, stride 1: Keras' defaults. */
    public Conv1D(int filters, int kernelSize) {
        this(builder().setFilters(filters).setKernelSize(kernelSize));
    }

    /** {@code filters} filters of {@code kernelSize} steps with an activation, Keras' other defaults. */
    public Conv1D(int filters, int kernelSize, Activation activation) {
        this(builder().setFilters(filters).setKernelSize(kernelSize).optActivation(activation));
    }

    public static Builder builder() {
        return new Builder();
    }

    private static void requirePositive(String argument, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("Conv1D: " + argument + " must be positive, got " + value);
        }
    }

    @Override
    public String type() {
        return "Conv1D";
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (inputShape.length != 2 || inputShape[1] <= 0) {
            throw error("expects inputs of shape (batch, time, channels) with known channels, got "
                    + Shapes.toString(inputShape) + " after the batch axis");
        }
        if (inputShape[1] % groups != 0) {
            throw error("input channels (" + inputShape[1] + ") must be divisible by groups (" + groups
                    + "); input shape " + Shapes.toString(inputShape));
        }
        return new int[] {outputLength(inputShape[0]), filters};
    }

    private int outputLength(int time) {
        int out = padding.outputLength(time, kernelSize, strides, dilation);
        if (time >= 0 && out <= 0) {
            throw error("kernel_size " + kernelSize + (dilation > 1 ? " with dilation_rate " + dilation : "")
                    + " spans " + ConvPadding.span(kernelSize, dilation) + " steps, more than the " + time
                    + " input steps with padding '" + padding.kerasName() + "'");
        }
        return out;
    }

    @Override
    protected void createWeights(List<int[]> inputShapes, Rng rng) {
        int channels = inputShapes.get(0)[1];
        kernel = addParameter("kernel", kernelInitializer, kernelRegularizer, true, rng,
                kernelSize, channels / groups, filters);
        if (useBias) {
            bias = addParameter("bias", biasInitializer, biasRegularizer, true, rng, filters);
        }
    }

    @Override
    public Variable call(Variable input, boolean training) {
        Window1D window = window(input.shape());
        FusedActivation fused = activation.fused();
        Variable y = Convolution1D.conv1d(input, kernel.variable(), bias == null ? null : bias.variable(), window,
                groups, fused == null ? FusedActivation.LINEAR : fused);
        return fused == null ? activation.apply(y) : y;
    }

    /**
     * At inference, the convolution of the embedding rows {@code lookup} picks, read from its table per
     * sequence ({@link Convolution1D#conv1dOfRows}): the same values as {@code call} on the lookup's
     * output, with no {@code (batch, time, channels)} tensor between the two layers. For a run of
     * enough windows, from the products of the table with each tap instead
     * ({@link TapProducts#forInference}, made once per inference scope): row reads and additions in
     * place of the products, equal up to float rounding.
     */
    @Override
    public Variable callOnRows(RowLookup lookup, Variable input) {
        return callOnRows(lookup, input, true);
    }

    /**
     * {@link #callOnRows(RowLookup, Variable)}, from the table of products only when
     * {@code mayUseProducts}: without it, always the direct path (bit for bit the layer-by-layer result).
     */
    Variable callOnRows(RowLookup lookup, Variable input, boolean mayUseProducts) {
        int[] ids = lookup.lookupIds(input);
        Tensor table = lookup.lookupTable();
        int[] shape = java.util.Arrays.copyOf(input.shape(), input.shape().length + 1);
        shape[shape.length - 1] = table.rank() == 2 ? table.dim(1) : -1;
        Window1D window = window(shape);
        FusedActivation fused = activation.fused();
        FusedActivation act = fused == null ? FusedActivation.LINEAR : fused;
        Tensor biasValue = bias == null ? null : bias.value();
        Tensor products = mayUseProducts && groups == 1
                ? TapProducts.forInference(table, kernel.value(), window.batch(), window.outLength()) : null;
        Tensor y = products != null
                ? TapProducts.conv1d(products, ids, biasValue, window, act)
                : Convolution1D.conv1dOfRows(table, ids, kernel.value(), biasValue, window, groups, act);
        return fused == null ? activation.apply(Variable.constant(y)) : Variable.constant(y);
    }

    /** The windows over inputs of this shape, refused with the layer's name when it is not (batch, time, channels). */
    private Window1D window(int[] shape) {
        int channels = kernel.value().dim(1) * groups;
        if (shape.length != 3 || shape[2] != channels) {
            throw error("expects inputs of shape (batch, time, " + channels + "), got " + Shapes.toString(shape));
        }
        outputLength(shape[1]);
        return padding.window(shape[0], shape[1], channels, kernelSize, strides, dilation);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("filters", filters);
        config.put("kernel_size", List.of(kernelSize));
        config.put("strides", List.of(strides));
        config.put("padding", padding.kerasName());
        config.put("data_format", "channels_last");
        config.put("dilation_rate", List.of(dilation));
        config.put("groups", groups);
        config.put("activation", activation.kerasName());
        config.put("use_bias", useBias);
        config.put("kernel_initializer", kernelInitializer.name());
        config.put("bias_initializer", biasInitializer.name());
        config.put("kernel_regularizer", kernelRegularizer);
        config.put("bias_regularizer", biasRegularizer);
        return config;
    }

    /** The layer {@link #config()} describes. */
    public static Conv1D fromConfig(LayerConfig c) {
        Builder b = builder()
                .optName(c.optName())
                .setFilters(c.intValue("filters"))
                .setKernelSize(ConvConfig.single(c, "kernel_size"))
                .optStrides(ConvConfig.single(c, "strides"))
                .optPadding(ConvConfig.padding(c))
                .optDilationRate(ConvConfig.single(c, "dilation_rate"))
                .optGroups(c.intValue("groups"))
                .optActivation(c.activation("activation"))
                .optUseBias(c.bool("use_bias"))
                .optKernelInitializer(c.initializer("kernel_initializer"))
                .optBiasInitializer(c.initializer("bias_initializer"))
                .optKernelRegularizer(c.optRegularizer("kernel_regularizer"))
                .optBiasRegularizer(c.optRegularizer("bias_regularizer"));
        ConvConfig.requireChannelsLast(c);
        return b.build();
    }

    /** Builds a {@link Conv1D}: {@code setFilters} and {@code setKernelSize} are required, the rest optional. */
    public static final class Builder {
        private String name;
        private int filters;
        private int kernelSize;
        private int strides = 1;
        private ConvPadding padding = ConvPadding.VALID;
        private int dilation = 1;
        private int groups = 1;
        private Activation activation = Activation.LINEAR;
        private boolean useBias = true;
        private Initializer kernelInitializer = Initializer.glorotUniform();
        private Initializer biasInitializer = Initializer.zeros();
        private Regularizer kernelRegularizer;
        private Regularizer biasRegularizer;

        private Builder() {
        }

        public Builder setFilters(int value) {
            this.filters = value;
            return this;
        }

        public Builder setKernelSize(int value) {
            this.kernelSize = value;
            return this;
        }

        public Builder optName(String value) {
            this.name = value;
            return this;
        }

        public Builder optStrides(int value) {
            this.strides = value;
            return this;
        }

        public Builder optPadding(ConvPadding value) {
            this.padding = value;
            return this;
        }

        public Builder optDilationRate(int value) {
            this.dilation = value;
            return this;
        }

        public Builder optGroups(int value) {
            this.groups = value;
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

        public Conv1D build() {
            return new Conv1D(this);
        }
    }
}
