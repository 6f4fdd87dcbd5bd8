package org.neurite.nn.layers;

import java.util.List;
import org.neurite.autograd.Variable;
import org.neurite.nn.LayerConfig;

/**
 * Merges two or more inputs of one shape into their elementwise sum {@code a + b + ...}.
 * Keras' {@code Add}; {@link Merge} gives the shape and mask rules.
 *
 * <pre>{@code
 * SymbolicTensor a = Input.named("a", 8);
 * SymbolicTensor b = Input.named("b", 8);
 * SymbolicTensor merged = new Add().apply(a, b);   // (batch, 8)
 * }</pre>
 */
public final class Add extends Merge {
    public Add() {
        this(null);
    }

    public Add(String name) {
        super(name, 2, Integer.MAX_VALUE);
    }

    @Override
    public String type() {
        return "Add";
    }

    @Override
    protected Variable merge(List<Variable> inputs) {
        Variable x = inputs.get(0);
        for (Variable y : inputs.subList(1, inputs.size())) {
            x = x.add(y);
        }
        return x;
    }

    /** The layer {@link #config()} describes: only its name. */
    public static Add fromConfig(LayerConfig c) {
        return new Add(c.optName());
    }
}
