package org.neurite.train;

/**
 * Keras' {@code CosineDecay}, with an optional linear warmup. Without warmup the rate falls from
 * {@code initial} to {@code initial·alpha} over {@code decaySteps} steps, then stays there:
 * <pre>
 *   s = min(step, decaySteps)
 *   rate(step) = initial · ((1 - alpha) · ½(1 + cos(π·s/decaySteps)) + alpha)
 * </pre>
 * With a warmup (see {@link #withWarmup}) the rate first rises linearly from {@code initial} to
 * {@code warmupTarget} over {@code warmupSteps} steps, then decays from {@code warmupTarget} by the
 * formula above, counting steps from the end of the warmup.
 *
 * <pre>{@code
 * LearningRateSchedule cosine = new CosineDecay(0.1f, 1000);
 * LearningRateSchedule warm = CosineDecay.withWarmup(0f, 1000, 0f, 0.1f, 100);
 * }</pre>
 */
public record CosineDecay(float initialLearningRate, long decaySteps, float alpha, float warmupTarget,
                          long warmupSteps) implements LearningRateSchedule {
    /** {@code warmupTarget} is NaN when there is no warmup (Keras' {@code warmup_target=None}). */
    public CosineDecay {
        if (decaySteps <= 0) {
            throw new IllegalArgumentException("CosineDecay: decaySteps must be > 0, got " + decaySteps);
        }
        if (warmupSteps < 0 || (!Float.isNaN(warmupTarget) && warmupSteps == 0)) {
            throw new IllegalArgumentException("CosineDecay: a warmup needs warmupSteps > 0, got " + warmupSteps);
        }
    }

    /** Decay with no warmup and {@code alpha} 0. */
    public CosineDecay(float initialLearningRate, long decaySteps) {
        this(initialLearningRate, decaySteps, 0f);
    }

    /** Decay with no warmup. */
    public CosineDecay(float initialLearningRate, long decaySteps, float alpha) {
        this(initialLearningRate, decaySteps, alpha, Float.NaN, 0);
    }

    /** Warmup from {@code initialLearningRate} to {@code warmupTarget}, then decay from {@code warmupTarget}. */
    public static CosineDecay withWarmup(float initialLearningRate, long decaySteps, float alpha, float warmupTarget,
                                         long warmupSteps) {
        return new CosineDecay(initialLearningRate, decaySteps, alpha, warmupTarget, warmupSteps);
    }

    @Override
    public float rate(long step) {
        if (Float.isNaN(warmupTarget)) {
            return decayed(Math.min(step, decaySteps), initialLearningRate);
        }
        long s = Math.min(step, decaySteps + warmupSteps);
        if (s < warmupSteps) {
            double fraction = (double) s / warmupSteps;
            return (float) ((warmupTarget - (double) initialLearningRate) * fraction + initialLearningRate);
        }
        return decayed(s - warmupSteps, warmupTarget);
    }

    private float decayed(long s, float from) {
        double cosine = 0.5 * (1 + Math.cos(Math.PI * s / decaySteps));
        return (float) (from * ((1 - alpha) * cosine + alpha));
    }
}
