package org.neurite.nn.layers;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.neurite.autograd.Reshaping;
import org.neurite.autograd.Variable;
import org.neurite.nn.LayerConfig;
import org.neurite.tensor.Tensor;

/**
 * Joins two or more inputs along one axis: Keras' {@code Concatenate(axis=-1)}. The axis counts the
 * batch as axis 0, as in Keras, so {@code -1} (the default) is the feature axis; the inputs must
 * agree in every other dimension. No weights.
 *
 * <p>Masks follow Keras: joined along the feature axis, a timestep is real when it is real in every
 * input (an input without a mask counts as all real); joined along another axis (time), the masks
 * are joined along it too.
 *
 * <pre>{@code
 * SymbolicTensor a = Input.named("a", 8);
 * SymbolicTensor b = Input.named("b", 3);
 * SymbolicTensor both = new Concatenate().apply(a, b);   // (batch, 11)
 * }</pre>
 */
public final class Concatenate extends Merge {
    private final int axis;

    /** Joins along the last axis. */
    public Concatenate() {
        this(null, -1);
    }

    /** Joins along {@code axis}, counted with the batch as axis 0; negative counts from the end. */
    public Concatenate(int axis) {
        this(null, axis);
    }

    public Concatenate(String name, int axis) {
        super(name, 2, Integer.MAX_VALUE);
        this.axis = axis;
    }

    @Override
    public String type() {
        return "Concatenate";
    }

    public int axis() {
        return axis;
    }

    @Override
    public int[] outputShape(List<int[]> inputShapes) {
        checkCount(inputShapes.size());
        int inner = innerAxis(inputShapes.get(0).length);
        int[] joined = inputShapes.get(0).clone();
        joined[inner] = 0;
        for (int[] shape : inputShapes) {
            if (shape.length != joined.length) {
                throw mismatch(inputShapes);
            }
            for (int d = 0; d < shape.length; d++) {
                if (d == inner) {
                    joined[d] = joined[d] < 0 || shape[d] < 0 ? -1 : joined[d] + shape[d];
                } else if (joined[d] == -1) {
                    joined[d] = shape[d];
                } else if (shape[d] != -1 && shape[d] != joined[d]) {
                    throw mismatch(inputShapes);
                }
            }
        }
        return joined;
    }

    @Override
    protected String mismatchRule() {
        return "inputs must have the same shape except along the concatenation axis " + axis;
    }

    @Override
    protected Variable merge(List<Variable> inputs) {
        return Reshaping.concat(innerAxis(inputs.get(0).shape().length - 1) + 1, inputs.toArray(new Variable[0]));
    }

    @Override
    protected Tensor mergedMask(List<Variable> inputs) {
        int rank = inputs.get(0).shape().length;
        int full = innerAxis(rank - 1) + 1;
        if (full == rank - 1 || inputs.stream().allMatch(x -> x.mask() == null)) {
            return super.mergedMask(inputs);
        }
        Tensor[] masks = new Tensor[inputs.size()];
        for (int i = 0; i < masks.length; i++) {
            Variable x = inputs.get(i);
            masks[i] = x.mask() != null ? x.mask() : Tensor.ones(Arrays.copyOf(x.shape(), rank - 1));
        }
        return Tensor.concat(full, masks);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("axis", axis);
        return config;
    }

    /** The layer {@link #config()} describes. */
    public static Concatenate fromConfig(LayerConfig c) {
        return new Concatenate(c.optName(), c.intValue("axis"));
    }

    /** The axis within a sample's shape of {@code rank} dimensions (batch excluded). */
    private int innerAxis(int rank) {
        int full = axis < 0 ? axis + rank + 1 : axis;
        if (full < 1 || full > rank) {
            throw error("axis " + axis + " is out of range for inputs of rank " + (rank + 1)
                    + " (batch included); the batch axis 0 cannot be joined");
        }
        return full - 1;
    }
}
