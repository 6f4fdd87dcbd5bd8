package org.neurite.train;

import java.util.Map;

/**
 * Hooks into {@link Trainer#fit}: Keras' callbacks. Logs map metric names ({@code loss},
 * {@code accuracy}, {@code val_loss}, ...) to values. A callback may stop training with
 * {@link Trainer#stopTraining()}, or change the learning rate through {@link Trainer#optimizer()}.
 * Progress display is a callback too, so the library itself never writes to a terminal.
 *
 * <p>Callbacks run in the order given; all see the same logs map, so a value one adds at the end of
 * an epoch ({@code learning_rate}) reaches the later ones and {@link History}, as in Keras.
 */
public interface Callback {
    default void onTrainBegin(Trainer trainer, FitOptions options, int stepsPerEpoch) {
    }

    default void onEpochBegin(Trainer trainer, int epoch) {
    }

    /** After each batch, with the running averages of the epoch so far. */
    default void onBatchEnd(Trainer trainer, int step, Map<String, Double> logs) {
    }

    /** After each epoch, with its training and validation results. */
    default void onEpochEnd(Trainer trainer, int epoch, Map<String, Double> logs) {
    }

    default void onTrainEnd(Trainer trainer, History history) {
    }

    /**
     * Whether this callback deals with a NaN or infinite batch loss (TerminateOnNaN). When one does,
     * {@link Trainer#fit} skips that batch's update and reports the loss in the batch logs instead of
     * throwing; the callback is then expected to stop training.
     */
    default boolean handlesNonFiniteLoss() {
        return false;
    }
}
