package org.neurite.train;

/**
 * The learning rate as a function of the optimizer's step count (starting at 0), as Keras'
 * {@code LearningRateSchedule}s. A constant rate is the schedule {@code step -> rate}.
 */
@FunctionalInterface
public interface LearningRateSchedule {
    float rate(long step);

    static LearningRateSchedule constant(float rate) {
        return step -> rate;
    }
}
