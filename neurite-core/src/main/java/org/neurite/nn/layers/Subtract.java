package org.neurite.nn.layers;

import java.util.List;
import org.neurite.autograd.Variable;
import org.neurite.nn.LayerConfig;

/**
 * Merges exactly two inputs of one shape into their elementwise difference {@code a - b}.
 * Keras' {@code Subtract}; {@link Merge} gives the shape and mask rules.
 *
 * <pre>{@code
 * SymbolicTensor a = Input.named("a", 8);
 * SymbolicTensor b = Input.named("b", 8);
 * SymbolicTensor difference = new Subtract().apply(a, b);   // (batch, 8)
 * }</pre>
 */
public final class Subtract extends Merge {
    public Subtract() {
        this(null);
    }

    public Subtract(String name) {
        super(name, 2, 2);
    }

    @Override
    public String type() {
        return "Subtract";
    }

    @Override
    protected Variable merge(List<Variable> inputs) {
        return inputs.get(0).sub(inputs.get(1));
    }

    /** The layer {@link #config()} describes: only its name. */
    public static Subtract fromConfig(LayerConfig c) {
        return new Subtract(c.optName());
    }
}
