package org.neurite.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code fit} returns: for each log name ({@code loss}, {@code accuracy}, {@code val_loss},
 * {@code val_accuracy}, ...) its value after each epoch, as Keras' {@code History}.
 *
 * <pre>{@code
 * History history = model.fit(x, y, FitOptions.builder().epochs(10).validationSplit(0.1f).build());
 * List<Double> curve = history.get("val_accuracy");   // Keras: history.history["val_accuracy"]
 * double finalLoss = history.last("loss");
 * double third = history.get("loss", 2);               // epoch index 2, counted from 0 as Keras' history.epoch
 * }</pre>
 */
public final class History {
    private final Map<String, List<Double>> values = new LinkedHashMap<>();
    private final List<Integer> epochs = new ArrayList<>();

    void record(int epoch, Map<String, Double> epochLogs) {
        epochs.add(epoch);
        epochLogs.forEach((name, value) -> values.computeIfAbsent(name, k -> new ArrayList<>()).add(value));
    }

    /** Each name's values, one per epoch, in the order the names first appeared: Keras' {@code history.history}. */
    public Map<String, List<Double>> history() {
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, Collections.unmodifiableList(v)));
        return Collections.unmodifiableMap(copy);
    }

    /** The same as {@link #history()}. */
    public Map<String, List<Double>> values() {
        return history();
    }

    /**
     * The values of one name, one per epoch: Keras' {@code history.history[name]}.
     *
     * @throws IllegalArgumentException when {@code name} was never logged, listing the names that were
     */
    public List<Double> get(String name) {
        List<Double> series = values.get(name);
        if (series == null) {
            throw new IllegalArgumentException("History has no '" + name + "'; it holds " + values.keySet());
        }
        return Collections.unmodifiableList(series);
    }

    /**
     * The value of {@code name} after the {@code epoch}-th recorded epoch (from 0).
     *
     * @throws IllegalArgumentException when {@code name} was never logged or {@code epoch} is out of range
     */
    public double get(String name, int epoch) {
        List<Double> series = get(name);
        if (epoch < 0 || epoch >= series.size()) {
            throw new IllegalArgumentException("History: '" + name + "' has " + series.size()
                    + " epochs (0 to " + (series.size() - 1) + "), asked for epoch " + epoch);
        }
        return series.get(epoch);
    }

    /** The value of {@code name} after the last epoch. */
    public double last(String name) {
        return get(name, get(name).size() - 1);
    }

    /** Whether {@code name} was logged. */
    public boolean contains(String name) {
        return values.containsKey(name);
    }

    /** The index of each recorded epoch, counted from 0 (from {@code initialEpoch} when resuming): Keras' {@code history.epoch}. */
    public List<Integer> epoch() {
        return Collections.unmodifiableList(epochs);
    }

    /** The number of epochs recorded. */
    public int epochs() {
        return epochs.size();
    }

    /** The training loss of each epoch. */
    public List<Double> loss() {
        return get("loss");
    }

    /** The validation loss of each epoch. */
    public List<Double> valLoss() {
        return get("val_loss");
    }

    /** The training accuracy of each epoch (logged when compiled with {@code "accuracy"}). */
    public List<Double> accuracy() {
        return get("accuracy");
    }

    /** The validation accuracy of each epoch. */
    public List<Double> valAccuracy() {
        return get("val_accuracy");
    }

    @Override
    public String toString() {
        return "History" + values;
    }
}
