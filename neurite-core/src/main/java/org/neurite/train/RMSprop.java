package org.neurite.train;

import org.neurite.tensor.Tensor;

/**
 * RMSprop, with Keras' defaults (learning rate 0.001, ρ 0.9, momentum 0, ε 1e-7, not centered) and
 * its update:
 * <pre>
 *   v = ρ·v + (1-ρ)·g²
 *   centered:  a = ρ·a + (1-ρ)·g;   d = v - a² + ε      otherwise  d = v + ε
 *   Δ = lr·g / sqrt(d)
 *   momentum μ > 0:  m = μ·m + Δ;   w -= m              otherwise  w -= Δ
 * </pre>
 * The velocity {@code v} is always kept; the momentum {@code m} only when μ > 0, the average
 * gradient {@code a} only when centered. Note that ε sits inside the square root, unlike Adam's.
 *
 * <pre>{@code
 * Optimizer rms = new RMSprop(1e-3f, 0.9f, 0.9f, 1e-7f, true);
 * }</pre>
 */
public final class RMSprop extends Optimizer {
    private final float rho;
    private final float momentum;
    private final float epsilon;
    private final boolean centered;

    public RMSprop() {
        this(0.001f);
    }

    public RMSprop(float learningRate) {
        this(learningRate, 0.9f, 0f, 1e-7f, false);
    }

    public RMSprop(float learningRate, float rho, float momentum, float epsilon, boolean centered) {
        super(learningRate);
        if (!(momentum >= 0f)) {
            throw new IllegalArgumentException("rmsprop: momentum must be >= 0, got " + momentum);
        }
        this.rho = rho;
        this.momentum = momentum;
        this.epsilon = epsilon;
        this.centered = centered;
    }

    @Override
    public String name() {
        return "rmsprop";
    }

    /** Slot 0 the velocity, then the momentum when μ > 0, then the average gradient when centered. */
    @Override
    protected int slotCount() {
        return 1 + (momentum > 0f ? 1 : 0) + (centered ? 1 : 0);
    }

    @Override
    protected void update(float[] w, int wo, float[] g, int go, int n, Tensor[] slots, int so, float lr, long step) {
        float[] v = slots[0].data();
        if (momentum == 0f && !centered) {
            plain(w, wo, g, go, n, v, so, lr);
        } else {
            general(w, wo, g, go, n, so, v, momentum > 0f ? slots[1].data() : null,
                    centered ? slots[slots.length - 1].data() : null, lr);
        }
    }

    /** The default rule in one branch-free loop. */
    private void plain(float[] w, int wo, float[] g, int go, int n, float[] v, int so, float lr) {
        float r = rho;
        float eps = epsilon;
        for (int i = 0; i < n; i++) {
            float gi = g[go + i];
            float vi = r * v[so + i] + (1 - r) * (gi * gi);
            v[so + i] = vi;
            w[wo + i] -= lr * gi / (float) Math.sqrt(vi + eps);
        }
    }

    /** With momentum {@code m} and/or the average gradient {@code a} (either may be null). */
    private void general(float[] w, int wo, float[] g, int go, int n, int so, float[] v, float[] m, float[] a,
                         float lr) {
        float r = rho;
        float eps = epsilon;
        for (int i = 0; i < n; i++) {
            float gi = g[go + i];
            float vi = r * v[so + i] + (1 - r) * (gi * gi);
            v[so + i] = vi;
            float denominator = vi + eps;
            if (a != null) {
                float ai = r * a[so + i] + (1 - r) * gi;
                a[so + i] = ai;
                denominator = vi - ai * ai + eps;
            }
            float increment = lr * gi / (float) Math.sqrt(denominator);
            if (m != null) {
                increment = momentum * m[so + i] + increment;
                m[so + i] = increment;
            }
            w[wo + i] -= increment;
        }
    }
}
