package org.neurite.models;

import java.util.List;
import org.neurite.nn.Input;
import org.neurite.nn.Layer;
import org.neurite.nn.Network;
import org.neurite.nn.SequentialNetwork;
import org.neurite.nn.SymbolicTensor;
import org.neurite.text.TextVectorization;

/**
 * Keras' {@code keras.Sequential}: a plain stack of layers, each feeding the next, as one model
 * object that compiles, trains, predicts and saves (see {@link Model}). Shapes are checked as
 * layers are added, so a mismatch is reported at once, naming the layer.
 *
 * <pre>{@code
 * Sequential model = Sequential.of(Input.of(28, 28),
 *         new Flatten(),
 *         new Dense(256, "relu"),
 *         new Dense(128, "relu"),
 *         new Dense(10, "softmax"));
 * model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
 * }</pre>
 *
 * <p>On {@link Input#ofStrings} the first layer must be a {@link TextVectorization}; the model then
 * reads raw texts.
 */
public final class Sequential extends Model {
    private final SymbolicTensor input;

    /** An empty stack on {@code input}; add layers with {@link #add}. */
    public Sequential(SymbolicTensor input) {
        if (!input.isInput()) {
            throw new IllegalArgumentException("Sequential: the first argument must be an Input, got " + input);
        }
        this.input = input;
        if (!input.isStrings()) {
            use(new SequentialNetwork(input.shape()), null);
        }
    }

    /** A model around a network loaded or built elsewhere. */
    Sequential(Network network) {
        this.input = Input.of(network.inputShapes().get(0));
    }

    /** Keras' {@code Sequential([Input(...), layer, ...])}. */
    public static Sequential of(SymbolicTensor input, Layer... layers) {
        Sequential model = new Sequential(input);
        for (Layer layer : layers) {
            model.add(layer);
        }
        return model;
    }

    /**
     * Appends a layer, checking that it accepts the current output shape; returns this. On a string
     * input the first layer must be a {@link TextVectorization}.
     */
    public Sequential add(Layer layer) {
        if (input.isStrings() && !vectorizer().isPresent()) {
            if (!(layer instanceof TextVectorization text)) {
                throw new IllegalArgumentException("Sequential: input '" + input.inputName() + "' holds texts, so the"
                        + " first layer must be a TextVectorization; got '" + layer.name() + "' (" + layer.type() + ")");
            }
            use(new SequentialNetwork(text.outputShape(input.shape())), text);
            return this;
        }
        if (layer instanceof TextVectorization) {
            throw new IllegalArgumentException("Sequential: a TextVectorization must be the first layer, on"
                    + " Input.ofStrings(); got one after " + layers().size() + " layers");
        }
        ((SequentialNetwork) network()).add(layer);
        return this;
    }

    /** Sets the seed of weights and dropout masks (see {@link Model#seed(long)}); returns this Sequential. */
    @Override
    public Sequential seed(long seed) {
        super.seed(seed);
        return this;
    }

    /** Creates every layer's weights, if not done yet; returns this Sequential. */
    @Override
    public Sequential build() {
        super.build();
        return this;
    }

    /** The output shape of each layer after the text vectorization, without the batch dimension. */
    public List<int[]> outputShapes() {
        return ((SequentialNetwork) network()).outputShapes();
    }
}
