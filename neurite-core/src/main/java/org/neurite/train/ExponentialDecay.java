package org.neurite.train;

/**
 * Keras' {@code ExponentialDecay}: the rate shrinks by {@code decayRate} every {@code decaySteps}
 * steps,
 * <pre>
 *   rate(step) = initial · decayRate^(step / decaySteps)
 * </pre>
 * where {@code step / decaySteps} is rounded down when {@code staircase} is set.
 *
 * <pre>{@code
 * Optimizer sgd = new SGD().optSchedule(new ExponentialDecay(0.1f, 100_000, 0.96f, true));
 * }</pre>
 */
public record ExponentialDecay(float initialLearningRate, long decaySteps, float decayRate, boolean staircase)
        implements LearningRateSchedule {
    public ExponentialDecay {
        if (decaySteps <= 0) {
            throw new IllegalArgumentException("ExponentialDecay: decaySteps must be > 0, got " + decaySteps);
        }
    }

    /** Smooth decay ({@code staircase} false). */
    public ExponentialDecay(float initialLearningRate, long decaySteps, float decayRate) {
        this(initialLearningRate, decaySteps, decayRate, false);
    }

    @Override
    public float rate(long step) {
        double p = (double) step / decaySteps;
        if (staircase) {
            p = Math.floor(p);
        }
        return (float) (initialLearningRate * Math.pow(decayRate, p));
    }
}
