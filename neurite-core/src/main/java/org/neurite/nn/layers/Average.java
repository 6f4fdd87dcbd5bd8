package org.neurite.nn.layers;

import java.util.List;
import org.neurite.autograd.Variable;
import org.neurite.nn.LayerConfig;

/**
 * Merges two or more inputs of one shape into their elementwise mean {@code (a + b + ...) / n}.
 * Keras' {@code Average}; {@link Merge} gives the shape and mask rules.
 *
 * <pre>{@code
 * SymbolicTensor a = Input.named("a", 8);
 * SymbolicTensor b = Input.named("b", 8);
 * SymbolicTensor mean = new Average().apply(a, b);   // (batch, 8)
 * }</pre>
 */
public final class Average extends Merge {
    public Average() {
        this(null);
    }

    public Average(String name) {
        super(name, 2, Integer.MAX_VALUE);
    }

    @Override
    public String type() {
        return "Average";
    }

    @Override
    protected Variable merge(List<Variable> inputs) {
        Variable sum = inputs.get(0);
        for (Variable x : inputs.subList(1, inputs.size())) {
            sum = sum.add(x);
        }
        return sum.mul(1f / inputs.size());
    }

    /** The layer {@link #config()} describes: only its name. */
    public static Average fromConfig(LayerConfig c) {
        return new Average(c.optName());
    }
}
