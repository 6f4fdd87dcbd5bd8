package org.neurite.train;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter), with Keras' defaults (learning rate
 * 0.001, weight decay 0.004, β1 0.9, β2 0.999, ε 1e-7). Each step first decays the weights, then
 * takes Adam's step from the (clipped) gradient:
 * <pre>
 *   w -= w·weightDecay·lr
 *   w -= lr·sqrt(1-β2^t)/(1-β1^t) · m / (sqrt(v) + ε)      (see {@link Adam})
 * </pre>
 * The decay itself is the base class' {@link Optimizer#optWeightDecay}, as in Keras.
 *
 * <pre>{@code
 * Optimizer adamw = new AdamW(1e-3f, 0.01f);
 * }</pre>
 */
public final class AdamW extends Adam {
    public AdamW() {
        this(0.001f, 0.004f);
    }

    public AdamW(float learningRate, float weightDecay) {
        this(learningRate, weightDecay, 0.9f, 0.999f, 1e-7f);
    }

    public AdamW(float learningRate, float weightDecay, float beta1, float beta2, float epsilon) {
        super(learningRate, beta1, beta2, epsilon);
        optWeightDecay(weightDecay);
    }

    @Override
    public String name() {
        return "adamw";
    }
}
