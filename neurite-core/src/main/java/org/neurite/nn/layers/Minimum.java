package org.neurite.nn.layers;

import java.util.List;
import org.neurite.autograd.Arithmetic;
import org.neurite.autograd.Variable;
import org.neurite.nn.LayerConfig;

/**
 * Merges two or more inputs of one shape into their elementwise minimum {@code min(a, b, ...)},
 * composed as {@code -max(-a, -b, ...)}; at ties the gradient goes to the earlier input.
 * Keras' {@code Minimum}; {@link Merge} gives the shape and mask rules.
 *
 * <pre>{@code
 * SymbolicTensor a = Input.named("a", 8);
 * SymbolicTensor b = Input.named("b", 8);
 * SymbolicTensor smaller = new Minimum().apply(a, b);   // (batch, 8)
 * }</pre>
 */
public final class Minimum extends Merge {
    public Minimum() {
        this(null);
    }

    public Minimum(String name) {
        super(name, 2, Integer.MAX_VALUE);
    }

    @Override
    public String type() {
        return "Minimum";
    }

    @Override
    protected Variable merge(List<Variable> inputs) {
        Variable negatedMax = inputs.get(0).neg();
        for (Variable y : inputs.subList(1, inputs.size())) {
            negatedMax = Arithmetic.maximum(negatedMax, y.neg());
        }
        return negatedMax.neg();
    }

    /** The layer {@link #config()} describes: only its name. */
    public static Minimum fromConfig(LayerConfig c) {
        return new Minimum(c.optName());
    }
}
