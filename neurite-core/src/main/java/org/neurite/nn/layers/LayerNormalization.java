package org.neurite.nn.layers;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.neurite.autograd.LayerNormOps;
import org.neurite.autograd.Variable;
import org.neurite.nn.Initializer;
import org.neurite.nn.Layer;
import org.neurite.nn.LayerConfig;
import org.neurite.nn.Parameter;
import org.neurite.nn.Regularizer;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Shapes;

/**
 * Normalises each example over its feature axes, Keras' {@code LayerNormalization}:
 * <pre>
 *   μ = mean_axes(x),  σ² = mean_axes((x - μ)²)
 *   y = (x - μ) / sqrt(σ² + epsilon) · gamma + beta
 * </pre>
 * computed separately for every position outside {@code axis} (each step of each sequence, for the
 * default last axis). gamma and beta have the sizes of the normalised axes; {@code center=false} drops
 * beta and {@code scale=false} drops gamma. Defaults as Keras 3: axis -1, epsilon 1e-3, center and
 * scale, gamma ones, beta zeros. The shape is unchanged; a timestep mask passes through (Keras
 * supports masking here; padded steps are normalised like the others, each on its own). Over the last
 * axis alone (the usual case, as in transformers) it runs as one fused operation
 * ({@link LayerNormOps}); over other axes it is composed from primitive operations, the fused
 * path's twin.
 *
 * <pre>{@code
 * Layer norm = new LayerNormalization();                             // over the features of each step
 * Layer wide = LayerNormalization.builder().optAxis(1, 2).optEpsilon(1e-6f).build();
 * }</pre>
 */
public final class LayerNormalization extends Layer {
    private final int[] axis;
    private final float epsilon;
    private final boolean center;
    private final boolean scale;
    private final Initializer betaInitializer;
    private final Initializer gammaInitializer;
    private final Regularizer betaRegularizer;
    private final Regularizer gammaRegularizer;
    private Parameter gamma;
    private Parameter beta;

    private LayerNormalization(Builder b) {
        super(b.name);
        if (b.axis.length == 0) {
            throw new IllegalArgumentException("LayerNormalization: axis must name at least one axis");
        }
        if (!(b.epsilon >= 0f)) {
            throw new IllegalArgumentException("LayerNormalization: epsilon must be >= 0, got " + b.epsilon);
        }
        this.axis = b.axis.clone();
        this.epsilon = b.epsilon;
        this.center = b.center;
        this.scale = b.scale;
        this.betaInitializer = b.betaInitializer;
        this.gammaInitializer = b.gammaInitializer;
        this.betaRegularizer = b.betaRegularizer;
        this.gammaRegularizer = b.gammaRegularizer;
    }

    /** Over the last axis, with Keras' defaults. */
    public LayerNormalization() {
        this(builder());
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String type() {
        return "LayerNormalization";
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        int[] withBatch = NormalizationAxes.withBatch(inputShape);
        NormalizationAxes.requireKnown(this::error, withBatch, NormalizationAxes.positive(this::error, axis, withBatch.length));
        return inputShape.clone();
    }

    @Override
    protected void createWeights(List<int[]> inputShapes, Rng rng) {
        int[] withBatch = NormalizationAxes.withBatch(inputShapes.get(0));
        int[] dims = NormalizationAxes.weightShape(withBatch, NormalizationAxes.positive(this::error, axis, withBatch.length));
        if (scale) {
            gamma = addParameter("gamma", gammaInitializer, gammaRegularizer, true, rng, dims);
        }
        if (center) {
            beta = addParameter("beta", betaInitializer, betaRegularizer, true, rng, dims);
        }
    }

    @Override
    public Variable call(Variable input, boolean training) {
        int[] shape = input.shape();
        int[] axes = NormalizationAxes.positive(this::error, axis, shape.length);
        int[] dims = NormalizationAxes.weightShape(shape, axes);
        Parameter weight = gamma != null ? gamma : beta;
        if (weight != null && !Arrays.equals(dims, weight.value().shape())) {
            throw error("was built for sizes " + Shapes.toString(weight.value().shape()) + " on axis " + Arrays.toString(axis)
                    + ", got input shape " + Shapes.toString(shape));
        }
        if (axes.length == 1 && axes[0] == shape.length - 1) {
            return LayerNormOps.layerNorm(input, gamma == null ? null : gamma.variable(),
                    beta == null ? null : beta.variable(), epsilon).withMask(input.mask());
        }
        Variable mean = NormalizationAxes.mean(input, axes);
        Variable centred = input.sub(mean);
        Variable variance = NormalizationAxes.mean(centred.mul(centred), axes);
        Variable y = centred.mul(variance.add(epsilon).pow(-0.5f));
        int[] broadcast = NormalizationAxes.broadcastShape(shape, axes);
        if (gamma != null) {
            y = y.mul(gamma.variable().reshape(broadcast));
        }
        if (beta != null) {
            y = y.add(beta.variable().reshape(broadcast));
        }
        return y.withMask(input.mask());
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("axis", Arrays.stream(axis).boxed().toList());
        config.put("epsilon", epsilon);
        config.put("center", center);
        config.put("scale", scale);
        config.put("beta_initializer", betaInitializer.name());
        config.put("gamma_initializer", gammaInitializer.name());
        config.put("beta_regularizer", betaRegularizer);
        config.put("gamma_regularizer", gammaRegularizer);
        return config;
    }

    /** The layer {@link #config()} describes. */
    public static LayerNormalization fromConfig(LayerConfig c) {
        return builder()
                .optName(c.optName())
                .optAxis(c.intArray("axis"))
                .optEpsilon(c.floatValue("epsilon"))
                .optCenter(c.bool("center"))
                .optScale(c.bool("scale"))
                .optBetaInitializer(c.initializer("beta_initializer"))
                .optGammaInitializer(c.initializer("gamma_initializer"))
                .optBetaRegularizer(c.optRegularizer("beta_regularizer"))
                .optGammaRegularizer(c.optRegularizer("gamma_regularizer"))
                .build();
    }

    /** Builds a {@link LayerNormalization}; every option has Keras' default. */
    public static final class Builder {
        private String name;
        private int[] axis = {-1};
        private float epsilon = 1e-3f;
        private boolean center = true;
        private boolean scale = true;
        private Initializer betaInitializer = Initializer.zeros();
        private Initializer gammaInitializer = Initializer.ones();
        private Regularizer betaRegularizer;
        private Regularizer gammaRegularizer;

        private Builder() {
        }

        public Builder optName(String value) {
            this.name = value;
            return this;
        }

        /** The axes to normalise over (batch axis 0; negative ones count from the end). */
        public Builder optAxis(int... value) {
            this.axis = value.clone();
            return this;
        }

        public Builder optEpsilon(float value) {
            this.epsilon = value;
            return this;
        }

        public Builder optCenter(boolean value) {
            this.center = value;
            return this;
        }

        public Builder optScale(boolean value) {
            this.scale = value;
            return this;
        }

        public Builder optBetaInitializer(Initializer value) {
            this.betaInitializer = value;
            return this;
        }

        public Builder optGammaInitializer(Initializer value) {
            this.gammaInitializer = value;
            return this;
        }

        public Builder optBetaRegularizer(Regularizer value) {
            this.betaRegularizer = value;
            return this;
        }

        public Builder optGammaRegularizer(Regularizer value) {
            this.gammaRegularizer = value;
            return this;
        }

        public LayerNormalization build() {
            return new LayerNormalization(this);
        }
    }
}
