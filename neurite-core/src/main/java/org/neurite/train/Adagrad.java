package org.neurite.train;

import org.neurite.tensor.Tensor;

/**
 * Adagrad, with Keras' defaults (learning rate 0.001, initial accumulator value 0.1, ε 1e-7) and its
 * update:
 * <pre>
 *   s += g²          (s starts at initialAccumulatorValue, not zero)
 *   w -= lr·g / sqrt(s + ε)
 * </pre>
 *
 * <pre>{@code
 * Optimizer adagrad = new Adagrad(0.01f);
 * }</pre>
 */
public final class Adagrad extends Optimizer {
    private final float initialAccumulatorValue;
    private final float epsilon;

    public Adagrad() {
        this(0.001f);
    }

    public Adagrad(float learningRate) {
        this(learningRate, 0.1f, 1e-7f);
    }

    public Adagrad(float learningRate, float initialAccumulatorValue, float epsilon) {
        super(learningRate);
        if (!(initialAccumulatorValue >= 0f)) {
            throw new IllegalArgumentException("adagrad: initialAccumulatorValue must be >= 0, got "
                    + initialAccumulatorValue);
        }
        this.initialAccumulatorValue = initialAccumulatorValue;
        this.epsilon = epsilon;
    }

    @Override
    public String name() {
        return "adagrad";
    }

    @Override
    protected int slotCount() {
        return 1;
    }

    @Override
    protected float initialSlotValue(int slot) {
        return initialAccumulatorValue;
    }

    @Override
    protected void update(float[] w, int wo, float[] g, int go, int n, Tensor[] slots, int so, float lr, long step) {
        float[] s = slots[0].data();
        float eps = epsilon;
        for (int i = 0; i < n; i++) {
            float gi = g[go + i];
            float si = s[so + i] + gi * gi;
            s[so + i] = si;
            w[wo + i] -= lr * gi / (float) Math.sqrt(si + eps);
        }
    }
}
