package org.neurite.autograd;

/**
 * The activations that {@link Fused#linear} can apply in the same pass as the bias: those whose
 * derivative is a cheap function of the activation's output.
 */
public enum FusedActivation {
    LINEAR, RELU, SIGMOID, TANH
}
