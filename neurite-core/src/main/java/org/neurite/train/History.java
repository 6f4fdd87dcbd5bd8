package org.neurite.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link Trainer#fit} returns: for each log name ({@code loss}, {@code val_accuracy}, ...) its
 * value after each epoch, as Keras' {@code History.history}.
 */
public final class History {
    private final Map<String, List<Double>> values = new LinkedHashMap<>();

    void record(Map<String, Double> epochLogs) {
        epochLogs.forEach((name, value) -> values.computeIfAbsent(name, k -> new ArrayList<>()).add(value));
    }

    /** Each name's values, one per epoch, in the order the names first appeared. */
    public Map<String, List<Double>> values() {
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, Collections.unmodifiableList(v)));
        return Collections.unmodifiableMap(copy);
    }

    /** The values of one name, one per epoch; empty when it was never logged. */
    public List<Double> get(String name) {
        return Collections.unmodifiableList(values.getOrDefault(name, List.of()));
    }

    /** The number of epochs recorded. */
    public int epochs() {
        return values.isEmpty() ? 0 : values.values().iterator().next().size();
    }
}
