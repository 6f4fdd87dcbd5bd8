package org.neurite.nn.layers;

import java.util.List;
import java.util.Map;
import org.neurite.autograd.Variable;
import org.neurite.nn.Initializer;
import org.neurite.nn.Layer;
import org.neurite.nn.LayerConfig;
import org.neurite.nn.Parameter;
import org.neurite.nn.Regularizer;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Shapes;
import org.neurite.tensor.Tensor;

/**
 * Normalises each feature over the batch, Keras' {@code BatchNormalization}:
 * <pre>
 *   y = (x - μ) / sqrt(σ² + epsilon) · gamma + beta
 * </pre>
 * per index of {@code axis} (the features, by default), with μ and σ² taken over every other axis.
 * <ul>
 *   <li>In training, μ and σ² are the batch's mean and (biased) variance, and the moving statistics
 *       follow them: {@code moving = moving · momentum + batch · (1 - momentum)}. With a timestep mask,
 *       only real steps count, as in Keras: {@code μ = Σ m·x / (Σ m + 1e-7)},
 *       {@code σ² = Σ m·(x - μ)² / (Σ m + 1e-7)}.</li>
 *   <li>At inference, μ and σ² are {@code moving_mean} and {@code moving_variance}.</li>
 * </ul>
 * Weights in Keras' order: gamma (unless {@code scale=false}) and beta (unless {@code center=false}),
 * trainable, then moving_mean and moving_variance, non-trainable (updated by the layer, not by the
 * optimiser); all four have the size of {@code axis} and all count in {@code summary()}, the moving
 * ones as non-trainable parameters, as Keras counts them. Defaults as Keras 3: axis -1, momentum 0.99,
 * epsilon 1e-3, center and scale, gamma ones, beta zeros, moving mean zeros, moving variance ones. The
 * shape is unchanged and a timestep mask passes through.
 *
 * <pre>{@code
 * SequentialNetwork model = SequentialNetwork.of(Input.of(100, 64), new Conv1D(64, 3),
 *         new BatchNormalization(), new ActivationLayer(Activation.RELU), new GlobalMaxPooling1D(), new Dense(1));
 * }</pre>
 */
public final class BatchNormalization extends Layer {
    /** Keras' backend epsilon, added to the count of real steps under a mask. */
    private static final float MASK_EPSILON = 1e-7f;
    private final int axis;
    private final float momentum;
    private final float epsilon;
    private final boolean center;
    private final boolean scale;
    private final Initializer betaInitializer;
    private final Initializer gammaInitializer;
    private final Initializer movingMeanInitializer;
    private final Initializer movingVarianceInitializer;
    private final Regularizer betaRegularizer;
    private final Regularizer gammaRegularizer;
    private Parameter gamma;
    private Parameter beta;
    private Parameter movingMean;
    private Parameter movingVariance;

    private BatchNormalization(Builder b) {
        super(b.name);
        if (!(b.momentum >= 0f && b.momentum <= 1f)) {
            throw new IllegalArgumentException("BatchNormalization: momentum must be in [0, 1], got " + b.momentum);
        }
        if (!(b.epsilon >= 0f)) {
            throw new IllegalArgumentException("BatchNormalization: epsilon must be >= 0, got " + b.epsilon);
        }
        this.axis = b.axis;
        this.momentum = b.momentum;
        this.epsilon = b.epsilon;
        this.center = b.center;
        this.scale = b.scale;
        this.betaInitializer = b.betaInitializer;
        this.gammaInitializer = b.gammaInitializer;
        this.movingMeanInitializer = b.movingMeanInitializer;
        this.movingVarianceInitializer = b.movingVarianceInitializer;
        this.betaRegularizer = b.betaRegularizer;
        this.gammaRegularizer = b.gammaRegularizer;
    }

    /** Over the last axis with Keras' defaults. */
    public BatchNormalization() {
        this(builder());
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String type() {
        return "BatchNormalization";
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        int[] withBatch = NormalizationAxes.withBatch(inputShape);
        NormalizationAxes.requireKnown(this::error, withBatch,
                NormalizationAxes.positive(this::error, new int[] {axis}, withBatch.length));
        return inputShape.clone();
    }

    @Override
    protected void createWeights(List<int[]> inputShapes, Rng rng) {
        int[] withBatch = NormalizationAxes.withBatch(inputShapes.get(0));
        int size = withBatch[NormalizationAxes.positive(this::error, new int[] {axis}, withBatch.length)[0]];
        if (scale) {
            gamma = addParameter("gamma", gammaInitializer, gammaRegularizer, true, rng, size);
        }
        if (center) {
            beta = addParameter("beta", betaInitializer, betaRegularizer, true, rng, size);
        }
        movingMean = addParameter("moving_mean", movingMeanInitializer, null, false, rng, size);
        movingVariance = addParameter("moving_variance", movingVarianceInitializer, null, false, rng, size);
    }

    @Override
    public Variable call(Variable input, boolean training) {
        int[] shape = input.shape();
        int[] kept = NormalizationAxes.positive(this::error, new int[] {axis}, shape.length);
        if (shape[kept[0]] != movingMean.size()) {
            throw error("was built for " + movingMean.size() + " features on axis " + axis + ", got input shape "
                    + Shapes.toString(shape));
        }
        int[] broadcast = NormalizationAxes.broadcastShape(shape, kept);
        Variable mean;
        Variable variance;
        if (training) {
            int[] reduced = NormalizationAxes.complement(kept, shape.length);
            Variable[] moments = input.mask() == null ? moments(input, reduced) : maskedMoments(input, reduced);
            mean = moments[0];
            variance = moments[1];
            updateMovingStatistics(mean.value(), variance.value());
        } else {
            mean = Variable.constant(movingMean.value().reshape(broadcast));
            variance = Variable.constant(movingVariance.value().reshape(broadcast));
        }
        Variable y = input.sub(mean).mul(variance.add(epsilon).pow(-0.5f));
        if (gamma != null) {
            y = y.mul(gamma.variable().reshape(broadcast));
        }
        if (beta != null) {
            y = y.add(beta.variable().reshape(broadcast));
        }
        return y.withMask(input.mask());
    }

    /** The batch's mean and biased variance over {@code reduced}, kept with size 1. */
    private static Variable[] moments(Variable x, int[] reduced) {
        Variable mean = NormalizationAxes.mean(x, reduced);
        Variable centred = x.sub(mean);
        return new Variable[] {mean, NormalizationAxes.mean(centred.mul(centred), reduced)};
    }

    /** Keras' masked moments: only steps where the mask {@code (batch, time)} is 1 count. */
    private Variable[] maskedMoments(Variable x, int[] reduced) {
        int[] shape = x.shape();
        Tensor mask = x.mask();
        if (mask.rank() != shape.length - 1 || mask.dim(0) != shape[0] || mask.dim(1) != shape[1]) {
            throw error("the mask must have the input's shape without its last axis, got mask "
                    + Shapes.toString(mask.shape()) + " for input " + Shapes.toString(shape));
        }
        int[] maskShape = shape.clone();
        maskShape[shape.length - 1] = 1;
        Variable weights = Variable.constant(mask.reshape(maskShape).broadcastTo(shape));
        Variable count = NormalizationAxes.sum(weights, reduced).add(MASK_EPSILON);
        Variable mean = NormalizationAxes.sum(x.mul(weights), reduced).div(count);
        Variable centred = x.sub(mean).mul(weights);
        return new Variable[] {mean, NormalizationAxes.sum(centred.mul(centred), reduced).div(count)};
    }

    private void updateMovingStatistics(Tensor mean, Tensor variance) {
        Tensor mm = movingMean.value();
        Tensor mv = movingVariance.value();
        mm.copyFrom(mm.mul(momentum).add(mean.reshape(mm.shape()).mul(1f - momentum)));
        mv.copyFrom(mv.mul(momentum).add(variance.reshape(mv.shape()).mul(1f - momentum)));
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("axis", axis);
        config.put("momentum", momentum);
        config.put("epsilon", epsilon);
        config.put("center", center);
        config.put("scale", scale);
        config.put("beta_initializer", betaInitializer.name());
        config.put("gamma_initializer", gammaInitializer.name());
        config.put("moving_mean_initializer", movingMeanInitializer.name());
        config.put("moving_variance_initializer", movingVarianceInitializer.name());
        config.put("beta_regularizer", betaRegularizer);
        config.put("gamma_regularizer", gammaRegularizer);
        return config;
    }

    /** The layer {@link #config()} describes. */
    public static BatchNormalization fromConfig(LayerConfig c) {
        return builder()
                .optName(c.optName())
                .optAxis(c.intValue("axis"))
                .optMomentum(c.floatValue("momentum"))
                .optEpsilon(c.floatValue("epsilon"))
                .optCenter(c.bool("center"))
                .optScale(c.bool("scale"))
                .optBetaInitializer(c.initializer("beta_initializer"))
                .optGammaInitializer(c.initializer("gamma_initializer"))
                .optMovingMeanInitializer(c.initializer("moving_mean_initializer"))
                .optMovingVarianceInitializer(c.initializer("moving_variance_initializer"))
                .optBetaRegularizer(c.optRegularizer("beta_regularizer"))
                .optGammaRegularizer(c.optRegularizer("gamma_regularizer"))
                .build();
    }

    /** Builds a {@link BatchNormalization}; every option has Keras' default. */
    public static final class Builder {
        private String name;
        private int axis = -1;
        private float momentum = 0.99f;
        private float epsilon = 1e-3f;
        private boolean center = true;
        private boolean scale = true;
        private Initializer betaInitializer = Initializer.zeros();
        private Initializer gammaInitializer = Initializer.ones();
        private Initializer movingMeanInitializer = Initializer.zeros();
        private Initializer movingVarianceInitializer = Initializer.ones();
        private Regularizer betaRegularizer;
        private Regularizer gammaRegularizer;

        private Builder() {
        }

        public Builder optName(String value) {
            this.name = value;
            return this;
        }

        /** The feature axis, kept; statistics are taken over all others (batch axis 0; negative counts from the end). */
        public Builder optAxis(int value) {
            this.axis = value;
            return this;
        }

        public Builder optMomentum(float value) {
            this.momentum = value;
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

        public Builder optMovingMeanInitializer(Initializer value) {
            this.movingMeanInitializer = value;
            return this;
        }

        public Builder optMovingVarianceInitializer(Initializer value) {
            this.movingVarianceInitializer = value;
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

        public BatchNormalization build() {
            return new BatchNormalization(this);
        }
    }
}
