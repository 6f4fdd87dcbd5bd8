package org.neurite.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neurite.nn.Parameter;
import org.neurite.tensor.BufferArena;
import org.neurite.tensor.Tensor;

/**
 * Stops training when a monitored quantity has stopped improving, as Keras 3's {@code EarlyStopping}
 * (defaults: monitor {@code val_loss}, minDelta 0, patience 0, mode auto, no baseline, no restoring,
 * start from epoch 0).
 *
 * <p>At the end of each epoch from {@code startFromEpoch} on, the value counts as an improvement when
 * it beats the best so far by more than {@code minDelta} ({@code value - minDelta > best} when
 * maximising, {@code value + minDelta < best} when minimising; the first value always does). An
 * improvement resets the wait, unless a {@code baseline} is set and not beaten; otherwise the wait
 * grows, and training stops once it reaches {@code patience} (never after epoch 0).
 *
 * <p>With {@code restoreBestWeights}, the weights (every {@link Parameter} value) of the best epoch are
 * copied, and written back at the end of training, whether training stopped early or not, as Keras 3
 * does. In auto mode, names containing {@code loss} are minimised and names containing {@code acc},
 * {@code auc}, {@code precision} or {@code recall} maximised (after dropping a {@code val_} prefix);
 * other names need an explicit mode.
 *
 * <pre>{@code
 * EarlyStopping stop = new EarlyStopping("val_loss", 3).optRestoreBestWeights(true);
 * trainer.fit(x, y, FitOptions.builder().epochs(100).validationSplit(0.1f).callbacks(stop).build());
 * }</pre>
 */
public final class EarlyStopping implements Callback {
    private final String monitor;
    private final int patience;
    private double minDelta;
    private MonitorMode mode = MonitorMode.AUTO;
    private double baseline = Double.NaN;
    private boolean restoreBestWeights;
    private int startFromEpoch;

    private int wait;
    private int stoppedEpoch;
    private int bestEpoch;
    private Double best;
    private List<Tensor> bestWeights;

    /** Monitors {@code val_loss} with patience 0. */
    public EarlyStopping() {
        this("val_loss", 0);
    }

    public EarlyStopping(String monitor, int patience) {
        if (patience < 0) {
            throw new IllegalArgumentException("EarlyStopping: patience must be >= 0, got " + patience);
        }
        this.monitor = monitor;
        this.patience = patience;
    }

    /** The smallest change that counts as an improvement (its sign is ignored); returns this. */
    public EarlyStopping optMinDelta(double value) {
        this.minDelta = Math.abs(value);
        return this;
    }

    public EarlyStopping optMode(MonitorMode value) {
        this.mode = value;
        return this;
    }

    /** A value the monitored quantity must beat for an improvement to reset the wait; returns this. */
    public EarlyStopping optBaseline(double value) {
        this.baseline = value;
        return this;
    }

    /** Whether to restore the weights of the best epoch at the end of training; returns this. */
    public EarlyStopping optRestoreBestWeights(boolean value) {
        this.restoreBestWeights = value;
        return this;
    }

    /** The number of epochs to wait before monitoring starts (a warm-up); returns this. */
    public EarlyStopping optStartFromEpoch(int value) {
        this.startFromEpoch = value;
        return this;
    }

    @Override
    public void onTrainBegin(Trainer trainer, FitOptions options, int stepsPerEpoch) {
        wait = 0;
        stoppedEpoch = 0;
        bestEpoch = 0;
        best = null;
        bestWeights = null;
    }

    @Override
    public void onEpochEnd(Trainer trainer, int epoch, Map<String, Double> logs) {
        boolean maximise = maximises(monitor, mode);
        double current = Monitored.value(logs, monitor, "EarlyStopping");
        if (epoch < startFromEpoch) {
            return;
        }
        if (restoreBestWeights && bestWeights == null) {
            saveWeights(trainer);
            bestEpoch = epoch;
        }
        wait++;
        if (best == null || isImprovement(current, best, maximise)) {
            best = current;
            bestEpoch = epoch;
            if (restoreBestWeights) {
                saveWeights(trainer);
            }
            if (Double.isNaN(baseline) || isImprovement(current, baseline, maximise)) {
                wait = 0;
            }
            return;
        }
        if (wait >= patience && epoch > 0) {
            stoppedEpoch = epoch;
            trainer.stopTraining();
        }
    }

    @Override
    public void onTrainEnd(Trainer trainer, History history) {
        if (restoreBestWeights && bestWeights != null) {
            List<Parameter> parameters = trainer.model().parameters();
            for (int i = 0; i < parameters.size(); i++) {
                parameters.get(i).value().copyFrom(bestWeights.get(i));
            }
        }
    }

    /** The epoch at which training was stopped (counting from 0), or 0 when it was not stopped. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** The epoch with the best monitored value (counting from 0). */
    public int bestEpoch() {
        return bestEpoch;
    }

    private boolean isImprovement(double value, double reference, boolean maximise) {
        return maximise ? value - minDelta > reference : value + minDelta < reference;
    }

    private void saveWeights(Trainer trainer) {
        List<Parameter> parameters = trainer.model().parameters();
        if (bestWeights == null) {
            bestWeights = BufferArena.detached(() -> {
                List<Tensor> copies = new ArrayList<>();
                parameters.forEach(p -> copies.add(p.value().copy()));
                return copies;
            });
            return;
        }
        for (int i = 0; i < parameters.size(); i++) {
            bestWeights.get(i).copyFrom(parameters.get(i).value());
        }
    }

    private static boolean maximises(String monitor, MonitorMode mode) {
        if (mode != MonitorMode.AUTO) {
            return mode == MonitorMode.MAX;
        }
        String name = monitor.toLowerCase(Locale.ROOT).replaceFirst("^val_", "");
        if (name.contains("loss")) {
            return false;
        }
        for (String up : new String[] {"acc", "auc", "precision", "recall"}) {
            if (name.contains(up)) {
                return true;
            }
        }
        throw new IllegalArgumentException("EarlyStopping: cannot tell whether '" + monitor
                + "' should be minimised or maximised; pass MonitorMode.MIN or MonitorMode.MAX");
    }
}
