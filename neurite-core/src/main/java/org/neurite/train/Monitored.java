package org.neurite.train;

import java.util.Map;

/** Reading a monitored quantity from epoch logs, for the callbacks that watch one. */
final class Monitored {
    private Monitored() {
    }

    /** The value of {@code monitor} in {@code logs}; a missing name is an error listing what is there. */
    static double value(Map<String, Double> logs, String monitor, String callback) {
        Double value = logs.get(monitor);
        if (value == null) {
            throw new IllegalArgumentException(callback + ": monitored quantity '" + monitor
                    + "' is not in the logs; available: " + String.join(", ", logs.keySet())
                    + (monitor.startsWith("val_") ? " (pass validation data to fit)" : ""));
        }
        return value;
    }
}
