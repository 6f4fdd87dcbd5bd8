package org.neurite.cli.recipes;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Count, mean, standard deviation, minimum and maximum of a regression corpus's targets: saved in
 * the model (the mean is the baseline {@code neurite evaluate} compares with) and shown on the
 * model card.
 *
 * <pre>{@code
 * TargetStatistics s = TargetStatistics.of(new float[] {1, 3, 5});   // count 3, mean 3, std 1.633, 1 to 5
 * }</pre>
 */
public record TargetStatistics(long count, double mean, double std, double min, double max) {
    /** The statistics of {@code targets} (population standard deviation, as NumPy's {@code std}). */
    public static TargetStatistics of(float[] targets) {
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float t : targets) {
            sum += t;
            min = Math.min(min, t);
            max = Math.max(max, t);
        }
        double mean = sum / targets.length;
        double squares = 0;
        for (float t : targets) {
            squares += (t - mean) * (t - mean);
        }
        return new TargetStatistics(targets.length, mean, Math.sqrt(squares / targets.length), min, max);
    }

    /** The JSON-ready form stored in a model file. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("count", count);
        json.put("mean", mean);
        json.put("std", std);
        json.put("min", min);
        json.put("max", max);
        return json;
    }

    /** Reads {@link #toJson()}'s form. */
    static TargetStatistics fromJson(Map<String, ?> json) {
        try {
            return new TargetStatistics(((Number) json.get("count")).longValue(), number(json, "mean"),
                    number(json, "std"), number(json, "min"), number(json, "max"));
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("target statistics need numbers count, mean, std, min and max, got " + json);
        }
    }

    private static double number(Map<String, ?> json, String key) {
        return ((Number) json.get(key)).doubleValue();
    }
}
