package org.neurite.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.neurite.testing.Tolerances;

/** Each schedule at several steps against values worked out by hand from Keras' formulas. */
class SchedulesTest {
    @Test
    void exponentialDecayIsSmoothUnlessStaircase() {
        ExponentialDecay smooth = new ExponentialDecay(0.1f, 10, 0.5f);
        assertRate(0.1, smooth, 0);
        assertRate(0.1 * Math.pow(0.5, 0.5), smooth, 5);
        assertRate(0.05, smooth, 10);
        assertRate(0.1 * Math.pow(0.5, 2.5), smooth, 25);

        ExponentialDecay staircase = new ExponentialDecay(0.1f, 10, 0.5f, true);
        assertRate(0.1, staircase, 9);
        assertRate(0.05, staircase, 10);
        assertRate(0.025, staircase, 25);
    }

    @Test
    void piecewiseConstantDecayIncludesEachBoundaryInTheInterval() {
        PiecewiseConstantDecay schedule = new PiecewiseConstantDecay(new long[] {100, 110},
                new float[] {1.0f, 0.5f, 0.1f});
        assertRate(1.0, schedule, 0);
        assertRate(1.0, schedule, 100);
        assertRate(0.5, schedule, 101);
        assertRate(0.5, schedule, 110);
        assertRate(0.1, schedule, 111);
        assertRate(0.1, schedule, 1_000_000);
    }

    @Test
    void piecewiseConstantDecayChecksItsArguments() {
        assertThrows(IllegalArgumentException.class,
                () -> new PiecewiseConstantDecay(new long[] {10}, new float[] {1f}));
        assertThrows(IllegalArgumentException.class,
                () -> new PiecewiseConstantDecay(new long[] {10, 10}, new float[] {1f, 2f, 3f}));
    }

    @Test
    void cosineDecayFallsToAlphaTimesTheInitialRate() {
        CosineDecay schedule = new CosineDecay(0.1f, 100, 0.2f);
        assertRate(0.1, schedule, 0);
        // halfway: cos(π/2) = 0, so 0.1 · (0.8 · 0.5 + 0.2)
        assertRate(0.06, schedule, 50);
        // a quarter: 0.1 · (0.8 · 0.5 · (1 + cos(π/4)) + 0.2)
        assertRate(0.1 * (0.8 * 0.5 * (1 + Math.sqrt(0.5)) + 0.2), schedule, 25);
        assertRate(0.02, schedule, 100);
        assertRate(0.02, schedule, 500);
        assertRate(0.0, new CosineDecay(0.1f, 100), 100);
    }

    @Test
    void cosineDecayWarmsUpLinearlyThenDecaysFromTheTarget() {
        CosineDecay schedule = CosineDecay.withWarmup(0.0f, 100, 0f, 0.1f, 10);
        assertRate(0.0, schedule, 0);
        assertRate(0.04, schedule, 4);
        assertRate(0.1, schedule, 10);
        assertRate(0.05, schedule, 60);
        assertRate(0.0, schedule, 110);
        assertRate(0.0, schedule, 1000);
    }

    private static void assertRate(double expected, LearningRateSchedule schedule, long step) {
        assertEquals(expected, schedule.rate(step), Tolerances.ROUNDING * Math.max(1, Math.abs(expected)),
                "step " + step);
    }
}
