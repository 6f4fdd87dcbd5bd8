package org.neurite.data;

import java.time.LocalDate;
import java.util.Arrays;

/**
 * A series of one value per calendar day, without gaps: {@code values[i]} belongs to the day
 * {@code start.plusDays(i)}.
 *
 * <pre>{@code
 * DailySeries births = TimeSeriesDatasets.usBirths();
 * LocalDate day = births.date(0);                      // 1969-01-01
 * int testFrom = births.indexOfYear(births.lastDate().getYear());   // the first day of 1988
 * }</pre>
 *
 * @param start  the day of {@code values[0]}
 * @param values one finite value per day, at least one
 */
public record DailySeries(LocalDate start, float[] values) {
    /** Checks that there is at least one day and that every value is finite. */
    public DailySeries {
        if (start == null || values == null || values.length == 0) {
            throw new IllegalArgumentException("a daily series needs a start date and at least one value");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("daily series: the value of " + start.plusDays(i)
                        + " is " + values[i] + ", expected a finite number");
            }
        }
        values = values.clone();
    }

    /** The number of days. */
    public int length() {
        return values.length;
    }

    /** The day of {@code values[i]}. */
    public LocalDate date(int i) {
        return start.plusDays(i);
    }

    /** The last day of the series. */
    public LocalDate lastDate() {
        return date(values.length - 1);
    }

    /** The index of the first day of {@code year} in the series (0 when the series starts within it). */
    public int indexOfYear(int year) {
        LocalDate first = LocalDate.of(year, 1, 1);
        if (year < start.getYear() || year > lastDate().getYear()) {
            throw new IllegalArgumentException("daily series from " + start + " to " + lastDate()
                    + " holds no day of " + year);
        }
        return (int) Math.max(0, first.toEpochDay() - start.toEpochDay());
    }

    @Override
    public float[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DailySeries s && start.equals(s.start) && Arrays.equals(values, s.values);
    }

    @Override
    public int hashCode() {
        return 31 * start.hashCode() + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "DailySeries[" + start + " to " + lastDate() + ", " + values.length + " days]";
    }
}
