package org.neurite.cli.recipes.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neurite.tensor.Tensor;

class SeriesWindowsTest {
    /** Day t has the features (t, 10·t), so every value names the day it came from. */
    private static float[][] days(int n) {
        float[][] rows = new float[n][];
        for (int t = 0; t < n; t++) {
            rows[t] = new float[] {t, 10 * t};
        }
        return rows;
    }

    @Test
    void inputsAreTheLookbackDaysBeforeTheOriginAndTargetsTheHorizonFromIt() {
        float[] series = new float[20];
        for (int t = 0; t < series.length; t++) {
            series[t] = t;
        }
        int[] origins = SeriesWindows.origins(4, 7);
        assertArrayEquals(new int[] {4, 5, 6}, origins);

        Tensor x = SeriesWindows.inputs(days(20), 4, origins);
        Tensor y = SeriesWindows.targets(series, 3, origins);

        assertArrayEquals(new int[] {3, 4, 2}, x.shape());
        assertArrayEquals(new int[] {3, 3}, y.shape());
        assertArrayEquals(new float[] {1, 10, 2, 20, 3, 30, 4, 40}, x.row(1).toArray());   // days 1-4 before origin 5
        assertArrayEquals(new float[] {5, 6, 7}, y.row(1).toArray());
        assertEquals(5f, x.get(2, 3, 0));                        // the last input day is the one before the origin
        assertEquals(6f, y.get(2, 0));                           // the first target day is the origin
    }

    @Test
    void lagsAreTheLookbackValuesBeforeEachOrigin() {
        float[] series = {0, 1, 2, 3, 4, 5};
        assertArrayEquals(new float[] {1, 2, 3, 2, 3, 4}, SeriesWindows.lags(series, 3, new int[] {4, 5}).toArray());
        assertThrows(IllegalArgumentException.class, () -> SeriesWindows.lags(series, 3, new int[] {2}));
    }

    @Test
    void noOriginsWhenTheRangeIsEmpty() {
        assertEquals(0, SeriesWindows.origins(5, 5).length);
        assertEquals(0, SeriesWindows.origins(5, 2).length);
    }

    @Test
    void windowsOutsideTheSeriesAreRefusedByOrigin() {
        IllegalArgumentException early = assertThrows(IllegalArgumentException.class,
                () -> SeriesWindows.inputs(days(10), 4, new int[] {3}));
        assertTrue(early.getMessage().contains("origin 3"), early.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SeriesWindows.targets(new float[10], 3, new int[] {8}));
    }
}
