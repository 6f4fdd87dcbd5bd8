package org.neurite.nn.layers;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.neurite.autograd.Variable;
import org.neurite.nn.Initializer;
import org.neurite.nn.Layer;
import org.neurite.nn.LayerConfig;
import org.neurite.nn.Parameter;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Shapes;

/**
 * Root-mean-square normalisation (Zhang and Sennrich, 2019), Keras 3's {@code RMSNormalization}:
 * <pre>
 *   y = x / sqrt(mean_axes(x²) + epsilon) · scale
 * </pre>
 * computed separately for every position outside {@code axis}; unlike layer normalisation it neither
 * subtracts the mean nor adds an offset. The weight {@code scale} (ones at first) has the sizes of the
 * normalised axes. Defaults as Keras: axis -1, epsilon 1e-6. The shape is unchanged. As in Keras 3,
 * which does not support masking in this layer, a timestep mask on the input is dropped. Composed from
 * primitive operations, so the tape differentiates it.
 *
 * <pre>{@code
 * Layer norm = new RMSNormalization();                          // over the features of each step
 * Layer loose = new RMSNormalization(null, new int[] {-1}, 1e-5f);
 * }</pre>
 */
public final class RMSNormalization extends Layer {
    private final int[] axis;
    private final float epsilon;
    private Parameter scale;

    /** Over the last axis with epsilon 1e-6: Keras' defaults. */
    public RMSNormalization() {
        this(null, new int[] {-1}, 1e-6f);
    }

    /**
     * @param name the layer's name, or null for one chosen by the model
     * @param axis the axes to normalise over (batch axis 0; negative ones count from the end)
     * @param epsilon added to the mean square before the square root
     */
    public RMSNormalization(String name, int[] axis, float epsilon) {
        super(name);
        if (axis.length == 0) {
            throw new IllegalArgumentException("RMSNormalization: axis must name at least one axis");
        }
        if (!(epsilon >= 0f)) {
            throw new IllegalArgumentException("RMSNormalization: epsilon must be >= 0, got " + epsilon);
        }
        this.axis = axis.clone();
        this.epsilon = epsilon;
    }

    @Override
    public String type() {
        return "RMSNormalization";
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
        scale = addParameter("scale", Initializer.ones(), null, true, rng, dims);
    }

    @Override
    public Variable call(Variable input, boolean training) {
        int[] shape = input.shape();
        int[] axes = NormalizationAxes.positive(this::error, axis, shape.length);
        int[] dims = NormalizationAxes.weightShape(shape, axes);
        if (!Arrays.equals(dims, scale.value().shape())) {
            throw error("was built for sizes " + Shapes.toString(scale.value().shape()) + " on axis "
                    + Arrays.toString(axis) + ", got input shape " + Shapes.toString(shape));
        }
        Variable meanSquare = NormalizationAxes.mean(input.mul(input), axes);
        Variable y = input.mul(meanSquare.add(epsilon).pow(-0.5f));
        return y.mul(scale.variable().reshape(NormalizationAxes.broadcastShape(shape, axes)));
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("axis", Arrays.stream(axis).boxed().toList());
        config.put("epsilon", epsilon);
        return config;
    }

    /** The layer {@link #config()} describes. */
    public static RMSNormalization fromConfig(LayerConfig c) {
        return new RMSNormalization(c.optName(), c.intArray("axis"), c.floatValue("epsilon"));
    }
}
