package org.neurite.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.neurite.autograd.Autograd;
import org.neurite.autograd.Variable;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Shapes;

/**
 * A plain stack of layers, each feeding the next: the network inside Keras' {@code Sequential}.
 *
 * <p>The input shape comes from a leading {@link Input#of}; shapes are inferred and checked layer by
 * layer as layers are added, so a mismatch is reported at once, naming the layer.
 *
 * <p>At inference (not training, no tape), a {@link RowLookup} (an {@code Embedding}) followed, past
 * layers that are identities at inference (dropout), by a {@link RowReader} (a {@code Conv1D}) runs
 * as one op: the reader reads the table's rows per sequence, and the embedded batch, larger than the
 * caches for long sequences, is never made. The result is the layer-by-layer one.
 *
 * <pre>{@code
 * SequentialNetwork mlp = SequentialNetwork.of(Input.of(28, 28),
 *         new Flatten(),
 *         new Dense(256, Activation.RELU),
 *         new Dense(128, Activation.RELU),
 *         new Dense(10, Activation.SOFTMAX));
 * System.out.println(mlp.summary());   // 235,146 parameters
 * SequentialNetwork seeded = SequentialNetwork.of(Input.of(4), new Dense(1)).seed(42);   // still a SequentialNetwork
 * }</pre>
 */
public final class SequentialNetwork extends Network {
    private final int[] inputShape;
    private final List<Layer> layers = new ArrayList<>();
    private final List<int[]> outputShapes = new ArrayList<>();
    private final LayerNames names = new LayerNames();

    /** An empty stack for inputs of the given shape (without the batch dimension). */
    public SequentialNetwork(int... inputShape) {
        super(null);
        assignName("sequential");
        this.inputShape = inputShape.clone();
    }

    /** A stack of {@code layers} on {@code input}. */
    public static SequentialNetwork of(SymbolicTensor input, Layer... layers) {
        if (!input.isInput()) {
            throw new IllegalArgumentException("Sequential.of: the first argument must be an Input, got " + input);
        }
        if (input.isStrings()) {
            throw new IllegalArgumentException("SequentialNetwork.of: input '" + input.inputName() + "' holds texts;"
                    + " a network computes on tensors, so build the model with org.neurite.models.Sequential,"
                    + " which runs its TextVectorization first");
        }
        SequentialNetwork model = new SequentialNetwork(input.shape());
        for (Layer layer : layers) {
            model.add(layer);
        }
        return model;
    }

    /** Appends a layer, checking that it accepts the current output shape; returns this. */
    public SequentialNetwork add(Layer layer) {
        if (isBuilt()) {
            throw error("cannot add layers after the model is built");
        }
        // Only the new layer is named: renaming all of them on each add made n adds quadratic.
        names.reserve(layer);
        names.assign(layer);
        layers.add(layer);
        outputShapes.add(layer.outputShape(currentShape()));
        return this;
    }

    /** Sets the seed of weights and dropout masks (see {@link Network#seed(long)}); returns this SequentialNetwork. */
    @Override
    public SequentialNetwork seed(long newSeed) {
        super.seed(newSeed);
        return this;
    }

    private int[] currentShape() {
        return outputShapes.isEmpty() ? inputShape : outputShapes.get(outputShapes.size() - 1);
    }

    @Override
    public String type() {
        return "Sequential";
    }

    @Override
    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    @Override
    public List<int[]> inputShapes() {
        return List.of(inputShape.clone());
    }

    @Override
    public List<String> outputNames() {
        return List.of(layers.isEmpty() ? name() : layers.get(layers.size() - 1).name());
    }

    @Override
    public int[] outputShapeOf(int output) {
        if (output != 0) {
            throw error("has 1 output, asked for output " + output);
        }
        return currentShape().clone();
    }

    /** The output shape of each layer, in order (without the batch dimension). */
    public List<int[]> outputShapes() {
        return outputShapes.stream().map(int[]::clone).toList();
    }

    @Override
    public int[] outputShape(int[] shape) {
        if (shape.length != inputShape.length) {
            throw error("expects input shape " + Shapes.toString(inputShape) + ", got " + Shapes.toString(shape));
        }
        return currentShape().clone();
    }

    @Override
    protected void buildLayers(Rng rng) {
        int[] shape = inputShape;
        for (Layer layer : layers) {
            layer.build(List.of(shape), rng.split());
            shape = layer.outputShape(shape);
        }
    }

    @Override
    public List<Variable> callAll(List<Variable> inputs, boolean training) {
        if (inputs.size() != 1) {
            throw error("expects 1 input, got " + inputs.size());
        }
        build();
        Variable x = inputs.get(0);
        boolean inference = !training && !Autograd.isRecording();
        for (int i = 0; i < layers.size(); i++) {
            int reader = inference ? rowReaderAfter(i) : -1;
            Variable joint = inference && reader < 0 && i + 1 < layers.size()
                    ? layers.get(i + 1).callAfter(layers.get(i), x) : null;
            if (reader > i) {
                // the layers between pass their input through at inference: the reader reads the lookup's rows
                x = ((RowReader) layers.get(reader)).callOnRows((RowLookup) layers.get(i), x);
                i = reader;
            } else if (joint != null) {
                x = joint;
                i++;
            } else {
                x = layers.get(i).call(x, training);
            }
        }
        return List.of(x);
    }

    /**
     * The index of a {@link RowReader} that reads layer i's output, when layer i is a {@link RowLookup}
     * and every layer between them is an identity at inference; -1 otherwise.
     */
    private int rowReaderAfter(int i) {
        if (!(layers.get(i) instanceof RowLookup)) {
            return -1;
        }
        int j = i + 1;
        while (j < layers.size() && layers.get(j).isIdentityAtInference()) {
            j++;
        }
        return j < layers.size() && layers.get(j) instanceof RowReader ? j : -1;
    }
}
