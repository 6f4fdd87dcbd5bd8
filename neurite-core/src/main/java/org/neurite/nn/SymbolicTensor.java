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
 *
 * <p>A layer with several outputs (a recurrent layer with return_state, Bidirectional with merge
 * mode none) makes one symbolic tensor per output from one application ({@link Layer#applyAll}):
 * they share that application, its {@link #node()}, and differ in their {@link #outputIndex()}, as
 * Keras' {@code [layer, node, tensor_index]}. The model runs such a layer once for all of them.
 */
public final class SymbolicTensor {
    private final int[] shape;
    private final Layer layer;
    private final List<SymbolicTensor> inputs;
    private final String inputName;
    private final boolean strings;
    private final SymbolicTensor node;
    private final int outputIndex;
    private List<SymbolicTensor> callOutputs;   // on a node: every output of its call, set once made

    SymbolicTensor(int[] shape, Layer layer, List<SymbolicTensor> inputs, String inputName) {
        this(shape, layer, inputs, inputName, false);
    }

    /** Output {@code outputIndex} of the application whose first output is {@code node}. */
    private SymbolicTensor(int[] shape, SymbolicTensor node, int outputIndex) {
        this.shape = shape.clone();
        this.layer = node.layer;
        this.inputs = node.inputs;
        this.inputName = null;
        this.strings = false;
        this.node = node;
        this.outputIndex = outputIndex;
    }

    SymbolicTensor(int[] shape, Layer layer, List<SymbolicTensor> inputs, String inputName, boolean strings) {
        this.shape = shape.clone();
        this.layer = layer;
        this.inputs = List.copyOf(inputs);
        this.inputName = inputName;
        this.strings = strings;
        this.node = this;
        this.outputIndex = 0;
    }

    /**
     * Applies {@code layer} to {@code inputs}, checking shapes now, before any data exists.
     *
     * @throws IllegalArgumentException naming the layer if it has several outputs: use {@link #applyAll}
     */
    public static SymbolicTensor apply(Layer layer, SymbolicTensor... inputs) {
        List<SymbolicTensor> outputs = applyAll(layer, inputs);
        if (outputs.size() != 1) {
            throw new IllegalArgumentException("layer '" + layer.name() + "' (" + layer.type() + ") has "
                    + outputs.size() + " outputs here; use applyAll to get them all");
        }
        return outputs.get(0);
    }

    /** Applies {@code layer} to {@code inputs} and returns every output, checking shapes now. */
    public static List<SymbolicTensor> applyAll(Layer layer, SymbolicTensor... inputs) {
        List<int[]> shapes = java.util.Arrays.stream(inputs).map(SymbolicTensor::shape).toList();
        List<int[]> outputShapes = layer.outputShapes(shapes);
        SymbolicTensor first = new SymbolicTensor(outputShapes.get(0), layer, List.of(inputs), null);
        List<SymbolicTensor> outputs = new java.util.ArrayList<>(List.of(first));
        for (int i = 1; i < outputShapes.size(); i++) {
            outputs.add(new SymbolicTensor(outputShapes.get(i), first, i));
        }
        first.callOutputs = List.copyOf(outputs);
        return first.callOutputs;
    }

    /** Every output of the layer call that computes this tensor, in order ({@code [this]} for an input). */
    public List<SymbolicTensor> callOutputs() {
        return node.callOutputs == null ? List.of(this) : node.callOutputs;
    }

    /**
     * The application that computes this tensor, as its first output: the same object for every
     * output of one layer call ({@code this} for inputs and single outputs).
     */
    public SymbolicTensor node() {
        return node;
    }

    /** Which of its layer call's outputs this is: 0 for the first (Keras' tensor_index). */
    public int outputIndex() {
        return outputIndex;
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
        return "SymbolicTensor(" + (layer == null ? inputName : layer.name())
                + (outputIndex > 0 ? "[" + outputIndex + "]" : "") + ", " + Shapes.toString(shape)
                + (strings ? ", strings" : "") + ")";
    }
}
