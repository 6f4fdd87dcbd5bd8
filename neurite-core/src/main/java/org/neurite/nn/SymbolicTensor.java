package org.neurite.nn;

import java.util.List;
import org.neurite.tensor.Shapes;

/**
 * A placeholder for the data flowing through a functional model: its shape (without the batch
 * dimension) and how it is computed — by which layer, from which other symbolic tensors. Made by
 * {@link Input#of} and {@link Layer#apply} calls.
 *
 * <pre>{@code
 * SymbolicTensor in = Input.of(784);
 * SymbolicTensor hidden = new Dense(64, Activation.RELU).apply(in);
 * Network model = Network.functional(in, new Dense(10, Activation.SOFTMAX).apply(hidden));
 * }</pre>
 */
public final class SymbolicTensor {
    private final int[] shape;
    private final Layer layer;
    private final List<SymbolicTensor> inputs;
    private final String inputName;
    private final boolean strings;

    SymbolicTensor(int[] shape, Layer layer, List<SymbolicTensor> inputs, String inputName) {
        this(shape, layer, inputs, inputName, false);
    }

    SymbolicTensor(int[] shape, Layer layer, List<SymbolicTensor> inputs, String inputName, boolean strings) {
        this.shape = shape.clone();
        this.layer = layer;
        this.inputs = List.copyOf(inputs);
        this.inputName = inputName;
        this.strings = strings;
    }

    /** Applies {@code layer} to {@code inputs}, checking shapes now, before any data exists. */
    public static SymbolicTensor apply(Layer layer, SymbolicTensor... inputs) {
        List<int[]> shapes = java.util.Arrays.stream(inputs).map(SymbolicTensor::shape).toList();
        return new SymbolicTensor(layer.outputShape(shapes), layer, List.of(inputs), null);
    }

    /** The shape without the batch dimension ({@code -1} where unknown). */
    public int[] shape() {
        return shape.clone();
    }

    /** The layer that computes this tensor, or null for a model input. */
    public Layer layer() {
        return layer;
    }

    public List<SymbolicTensor> inputs() {
        return inputs;
    }

    public boolean isInput() {
        return layer == null;
    }

    /**
     * Whether this is a model input of raw texts ({@link Input#ofStrings}), which only a text
     * vectorization layer can read.
     */
    public boolean isStrings() {
        return strings;
    }

    /** The name of a model input, or null. */
    public String inputName() {
        return inputName;
    }

    @Override
    public String toString() {
        return "SymbolicTensor(" + (layer == null ? inputName : layer.name()) + ", " + Shapes.toString(shape)
                + (strings ? ", strings" : "") + ")";
    }
}
