package org.neurite.nn;

import org.neurite.autograd.Variable;
import org.neurite.tensor.BufferArena;
import org.neurite.tensor.Tensor;

/**
 * A weight of a layer: a named leaf variable whose value an optimizer updates in place.
 *
 * <p>Its {@link #path()} is the layer's name and its own, dotted ({@code dense_1.kernel}), so a
 * saved file and a Keras model map one to one. Values and gradients live outside any buffer arena:
 * they outlive every training step.
 */
public final class Parameter {
    private final String name;
    private final Variable variable;
    private final boolean trainable;
    private final Regularizer regularizer;
    private String path;

    public Parameter(String name, Tensor value, boolean trainable, Regularizer regularizer) {
        this.name = name;
        this.path = name;
        this.variable = trainable ? Variable.parameter(value) : Variable.constant(value);
        this.trainable = trainable;
        this.regularizer = regularizer;
    }

    /** The parameter's own name within its layer, such as {@code kernel}. */
    public String name() {
        return name;
    }

    /** The dotted path within its model, such as {@code dense_1.kernel}. */
    public String path() {
        return path;
    }

    void setPath(String path) {
        this.path = path;
    }

    /** The leaf variable that layers compute with. */
    public Variable variable() {
        return variable;
    }

    /** The current value, updated in place by optimizers and when weights are loaded. */
    public Tensor value() {
        return variable.value();
    }

    /** The gradient accumulated by the last backward passes, or null. */
    public Tensor grad() {
        return variable.grad();
    }

    public boolean trainable() {
        return trainable;
    }

    /** The penalty added to the loss for this weight, or null. */
    public Regularizer regularizer() {
        return regularizer;
    }

    public void zeroGrad() {
        variable.zeroGrad();
    }

    public int size() {
        return variable.value().size();
    }

    /** Makes a parameter whose storage is allocated outside any active buffer arena. */
    static Parameter create(String name, java.util.function.Supplier<Tensor> init, boolean trainable,
                            Regularizer regularizer) {
        return new Parameter(name, BufferArena.detached(init), trainable, regularizer);
    }
}
