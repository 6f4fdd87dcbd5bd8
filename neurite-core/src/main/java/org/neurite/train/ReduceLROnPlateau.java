package org.neurite.train;

import java.util.Map;

/**
 * Lowers the learning rate when a monitored quantity has stopped improving, as Keras'
 * {@code ReduceLROnPlateau} (defaults: monitor {@code val_loss}, factor 0.1, patience 10, mode auto,
 * minDelta 1e-4, cooldown 0, minLr 0).
 *
 * <p>At the end of each epoch it adds the current rate to the logs as {@code learning_rate}. A value
 * improves when it beats the best so far by more than {@code minDelta} ({@code value < best - minDelta}
 * when minimising, {@code value > best + minDelta} when maximising). After {@code patience} epochs
 * without improvement the rate becomes {@code max(rate·factor, minLr)} (if it is above
 * {@code minLr}), and then {@code cooldown} epochs pass before waiting starts again. In auto mode,
 * as in Keras, a name containing {@code acc} is maximised and any other minimised.
 *
 * <p>The new rate is set with {@link Optimizer#setLearningRate}, which replaces a schedule by a
 * constant rate.
 *
 * <pre>{@code
 * Callback reduce = new ReduceLROnPlateau("val_loss", 0.2f, 5).optMinLr(1e-4f);
 * }</pre>
 */
public final class ReduceLROnPlateau implements Callback {
    private final String monitor;
    private final float factor;
    private final int patience;
    private MonitorMode mode = MonitorMode.AUTO;
    private double minDelta = 1e-4;
    private int cooldown;
    private float minLr;

    private int wait;
    private int cooldownCounter;
    private double best;

    /** Monitors {@code val_loss}, factor 0.1, patience 10. */
    public ReduceLROnPlateau() {
        this("val_loss", 0.1f, 10);
    }

    public ReduceLROnPlateau(String monitor, float factor, int patience) {
        if (!(factor < 1f)) {
            throw new IllegalArgumentException("ReduceLROnPlateau: factor must be < 1, got " + factor);
        }
        this.monitor = monitor;
        this.factor = factor;
        this.patience = patience;
    }

    public ReduceLROnPlateau optMode(MonitorMode value) {
        this.mode = value;
        return this;
    }

    /** The margin a value must beat the best by to count as an improvement; returns this. */
    public ReduceLROnPlateau optMinDelta(double value) {
        this.minDelta = value;
        return this;
    }

    /** The number of epochs after a reduction before waiting resumes; returns this. */
    public ReduceLROnPlateau optCooldown(int value) {
        this.cooldown = value;
        return this;
    }

    /** The lowest rate a reduction may reach; returns this. */
    public ReduceLROnPlateau optMinLr(float value) {
        this.minLr = value;
        return this;
    }

    @Override
    public void onTrainBegin(Trainer trainer, FitOptions options, int stepsPerEpoch) {
        best = maximises() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        cooldownCounter = 0;
        wait = 0;
    }

    @Override
    public void onEpochEnd(Trainer trainer, int epoch, Map<String, Double> logs) {
        Optimizer optimizer = trainer.optimizer();
        logs.put("learning_rate", (double) optimizer.learningRate());
        double current = Monitored.value(logs, monitor, "ReduceLROnPlateau");
        if (cooldownCounter > 0) {
            cooldownCounter--;
            wait = 0;
        }
        if (maximises() ? current > best + minDelta : current < best - minDelta) {
            best = current;
            wait = 0;
        } else if (cooldownCounter <= 0) {
            wait++;
            if (wait >= patience) {
                float oldLr = optimizer.learningRate();
                if (oldLr > minLr) {
                    optimizer.setLearningRate(Math.max(oldLr * factor, minLr));
                    cooldownCounter = cooldown;
                    wait = 0;
                }
            }
        }
    }

    private boolean maximises() {
        return mode == MonitorMode.AUTO ? monitor.contains("acc") : mode == MonitorMode.MAX;
    }
}
