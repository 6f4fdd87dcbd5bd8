package org.neurite.nn.layers;

import java.util.List;
import org.neurite.autograd.Variable;
import org.neurite.nn.LayerConfig;

/**
 * Merges two or more inputs of one shape into their elementwise product {@code a ⊙ b ⊙ ...}.
 * Keras' {@code Multiply}; {@link Merge} gives the shape and mask rules.
 *
 * <pre>{@code
 * SymbolicTensor a = Input.named("a", 8);
 * SymbolicTensor b = Input.named("b", 8);
 * SymbolicTensor merged = new Multiply().apply(a, b);   // (batch, 8)
 * }</pre>
 */
public final class Multiply extends Merge {
    public Multiply() {
        this(null);
    }

    public Multiply(String name) {
        super(name, 2, Integer.MAX_VALUE);
    }

    @Override
    public String type() {
        return "Multiply";
    }

    @Override
    protected Variable merge(List<Variable> inputs) {
        Variable x = inputs.get(0);
        for (Variable y : inputs.subList(1, inputs.size())) {
            x = x.mul(y);
        }
        return x;
    }

    /** The layer {@link #config()} describes: only its name. */
    public static Multiply fromConfig(LayerConfig c) {
        return new Multiply(c.optName());
    }
}
