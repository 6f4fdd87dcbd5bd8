package org.neurite.cli.recipes.forecast;

import java.time.LocalDate;
import org.neurite.data.DailySeries;

/**
 * The features a forecasting network reads for each day: the standardised value, the weekday one-hot
 * (seven columns, Monday first), and the day of the year as a point on the unit circle
 * ({@code sin}, {@code cos} of {@code 2π·dayOfYear/365.25}), so that 31 December and 1 January are
 * neighbours. Weekday and season are what a daily series of human activity repeats; the calendar of
 * the days to forecast follows from that of the last input day.
 */
public final class DayFeatures {
    /** The number of features per day. */
    public static final int COUNT = 1 + 7 + 2;
    /** The features' names in column order, recorded in the model file. */
    public static final String NAMES = "value,mon,tue,wed,thu,fri,sat,sun,year_sin,year_cos";

    private DayFeatures() {
    }

    /**
     * One row of {@link #COUNT} features per day of {@code series}, the value standardised as
     * {@code (y - mean) / std}.
     */
    public static float[][] of(DailySeries series, double mean, double std) {
        float[] values = series.values();
        float[][] rows = new float[values.length][COUNT];
        for (int t = 0; t < values.length; t++) {
            LocalDate day = series.date(t);
            rows[t][0] = (float) ((values[t] - mean) / std);
            rows[t][day.getDayOfWeek().getValue()] = 1f;        // Monday = 1 ... Sunday = 7
            double angle = 2 * Math.PI * day.getDayOfYear() / 365.25;
            rows[t][8] = (float) Math.sin(angle);
            rows[t][9] = (float) Math.cos(angle);
        }
        return rows;
    }
}
