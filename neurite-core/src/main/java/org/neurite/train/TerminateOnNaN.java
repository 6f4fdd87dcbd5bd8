package org.neurite.train;

import java.util.Map;

/**
 * Stops training when a batch loss is NaN or infinite, as Keras' {@code TerminateOnNaN}. Without it
 * {@link Trainer#fit} throws on such a loss, naming the layer where it first appeared; with it, the
 * offending batch's update is skipped (the weights stay finite), the epoch ends as usual with the
 * non-finite loss in its logs, and training stops.
 *
 * <pre>{@code
 * History history = trainer.fit(x, y, FitOptions.builder().epochs(10).callbacks(new TerminateOnNaN()).build());
 * }</pre>
 */
public final class TerminateOnNaN implements Callback {
    @Override
    public boolean handlesNonFiniteLoss() {
        return true;
    }

    @Override
    public void onBatchEnd(Trainer trainer, int step, Map<String, Double> logs) {
        Double loss = logs.get("loss");
        if (loss != null && !Double.isFinite(loss)) {
            trainer.stopTraining();
        }
    }
}
