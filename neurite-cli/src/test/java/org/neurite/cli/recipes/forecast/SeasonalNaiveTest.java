package org.neurite.cli.recipes.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.neurite.tensor.Tensor;

class SeasonalNaiveTest {
    @Test
    void eachDayIsForecastAsTheLastObservedDayOfTheSameWeekday() {
        float[] series = new float[40];
        for (int t = 0; t < series.length; t++) {
            series[t] = t;                                       // the value names the day
        }
        Tensor forecast = SeasonalNaive.forecast(series, 7, 16, new int[] {20});
        // days 20-26 from a week before (13-19), 27-33 from two weeks before (13-19), 34-35 from three (13-14)
        assertArrayEquals(new float[] {13, 14, 15, 16, 17, 18, 19, 13, 14, 15, 16, 17, 18, 19, 13, 14},
                forecast.toArray());
    }

    @Test
    void aSeriesThatRepeatsWeeklyIsForecastExactly() {
        float[] week = {5, 9, 9, 8, 7, 3, 2};
        float[] series = new float[70];
        for (int t = 0; t < series.length; t++) {
            series[t] = week[t % 7];
        }
        int[] origins = {30, 50};
        assertArrayEquals(SeriesWindows.targets(series, 14, origins).toArray(),
                SeasonalNaive.forecast(series, 7, 14, origins).toArray());
    }

    @Test
    void anOriginWithLessThanASeasonOfHistoryIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SeasonalNaive.forecast(new float[20], 7, 3, new int[] {6}));
    }
}
