package org.neurite.nn.layers;

import java.util.HashSet;
import java.util.Set;
import org.neurite.nn.Initializer;
import org.neurite.nn.Parameter;

/**
 * Creates a {@link RecurrentCell}'s weights inside the {@link RNN} that holds it, from the cell's
 * {@link RecurrentCell#build}: Keras' {@code add_weight}. The weights belong to the RNN layer and
 * take its name first ({@code rnn.kernel}), so optimizers, {@code summary()} and
 * {@code getWeights()} see them like any layer's.
 *
 * <pre>{@code
 * kernel = weights.add("kernel", Initializer.glorotUniform(), inputSize, 3 * units);
 * }</pre>
 */
public final class CellWeights {
    /** How the RNN layer adds one trainable weight. */
    @FunctionalInterface
    interface Sink {
        Parameter add(String name, Initializer initializer, int... shape);
    }

    private final String owner;
    private final Sink sink;
    private final Set<String> names = new HashSet<>();

    CellWeights(String owner, Sink sink) {
        this.owner = owner;
        this.sink = sink;
    }

    /**
     * Adds a trainable weight of the given shape, drawn from {@code initializer}.
     *
     * @throws IllegalArgumentException if the name is taken or a dimension is not positive
     */
    public Parameter add(String name, Initializer initializer, int... shape) {
        if (name == null || name.isEmpty() || !names.add(name)) {
            throw new IllegalArgumentException(owner + ": a cell weight needs a new, non-empty name, got '" + name
                    + "'");
        }
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException(owner + ": weight '" + name + "' needs positive dimensions, got "
                        + java.util.Arrays.toString(shape));
            }
        }
        return sink.add(name, initializer, shape);
    }
}
