package org.neurite.nn;

import java.util.List;

/**
 * The entry point of a model: declares the shape of one input (without the batch dimension).
 *
 * <pre>{@code
 * SequentialNetwork mlp = SequentialNetwork.of(Input.of(28, 28), new Flatten(), new Dense(10, Activation.SOFTMAX));
 * }</pre>
 */
public final class Input {
    private Input() {
    }

    /** A model input of the given shape; {@code -1} marks a dimension of any size. */
    public static SymbolicTensor of(int... shape) {
        return named("input", shape);
    }

    /**
     * A model input of raw texts, one string per sample, shape {@code (1)}; the model's first layer
     * on it must be a {@code TextVectorization}.
     */
    public static SymbolicTensor ofStrings() {
        return namedStrings("input");
    }

    /** A named model input of raw texts: see {@link #ofStrings()}. */
    public static SymbolicTensor namedStrings(String name) {
        return new SymbolicTensor(new int[] {1}, null, List.of(), name, true);
    }

    /** A named model input, for models with several. */
    public static SymbolicTensor named(String name, int... shape) {
        for (int d : shape) {
            if (d < -1 || d == 0) {
                throw new IllegalArgumentException("Input '" + name + "': bad shape " + java.util.Arrays.toString(shape));
            }
        }
        return new SymbolicTensor(shape, null, List.of(), name);
    }
}
