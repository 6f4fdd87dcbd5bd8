package org.neurite.nn.layers;

import java.util.List;
import org.neurite.autograd.Arithmetic;
import org.neurite.autograd.Variable;
import org.neurite.nn.LayerConfig;

/**
 * Merges two or more inputs of one shape into their elementwise maximum {@code max(a, b, ...)}; at
 * ties the gradient goes to the earlier input.
 * Keras' {@code Maximum}; {@link Merge} gives the shape and mask rules.
 *
 * <pre>{@code
 * SymbolicTensor a = Input.named("a", 8);
 * SymbolicTensor b = Input.named("b", 8);
 * SymbolicTensor merged = new Maximum().apply(a, b);   // (batch, 8)
 * }</pre>
 */
public final class Maximum extends Merge {
    public Maximum() {
        this(null);
    }

    public Maximum(String name) {
        super(name, 2, Integer.MAX_VALUE);
    }

    @Override
    public String type() {
        return "Maximum";
    }

    @Override
    protected Variable merge(List<Variable> inputs) {
        Variable x = inputs.get(0);
        for (Variable y : inputs.subList(1, inputs.size())) {
            x = Arithmetic.maximum(x, y);
        }
        return x;
    }

    /** The layer {@link #config()} describes: only its name. */
    public static Maximum fromConfig(LayerConfig c) {
        return new Maximum(c.optName());
    }
}
