package org.neurite.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NextTokenSamplerTest {
    private static final float[] LOGITS = {1.0f, 3.0f, 2.0f, 0.5f, 2.5f};
    private static final int DRAWS = 20_000;
    /** Allowed gap between a drawn share and its probability: about 6 standard errors at 20,000 draws. */
    private static final double SAMPLING_ERROR = 0.02;

    @Test
    void temperatureZeroAlwaysTakesTheHighestScore() {
        NextTokenSampler greedy = new NextTokenSampler(0f, 0, 1);
        for (int i = 0; i < 100; i++) {
            assertEquals(1, greedy.sample(LOGITS));
        }
    }

    @Test
    void theSameSeedGivesTheSameDrawsAndAnotherSeedOthers() {
        assertArrayEquals(draws(7, 0.8f, 0, 200), draws(7, 0.8f, 0, 200));
        assertNotEquals(java.util.Arrays.toString(draws(7, 0.8f, 0, 200)), java.util.Arrays.toString(draws(8, 0.8f, 0, 200)));
    }

    @Test
    void drawsFollowTheSoftmaxOfTheLogitsOverTheTemperature() {
        float temperature = 2f;
        int[] counts = counts(draws(3, temperature, 0, DRAWS));
        double[] expected = softmax(LOGITS, temperature);
        for (int i = 0; i < LOGITS.length; i++) {
            assertEquals(expected[i], counts[i] / (double) DRAWS, SAMPLING_ERROR, "token " + i);
        }
    }

    @Test
    void aLowerTemperatureDrawsTheBestTokenMoreOften() {
        int coldBest = counts(draws(5, 0.5f, 0, DRAWS))[1];
        int warmBest = counts(draws(5, 1.5f, 0, DRAWS))[1];
        assertTrue(coldBest > warmBest + DRAWS / 10, coldBest + " vs " + warmBest);
    }

    @Test
    void topKDrawsOnlyFromTheKBestTokensRenormalised() {
        int[] counts = counts(draws(11, 1f, 2, DRAWS));
        assertEquals(0, counts[0] + counts[2] + counts[3], "tokens outside the top 2");
        double best = Math.exp(3.0) / (Math.exp(3.0) + Math.exp(2.5));
        assertEquals(best, counts[1] / (double) DRAWS, SAMPLING_ERROR);
    }

    @Test
    void topKOfOneIsGreedy() {
        assertTrue(IntStream.of(draws(2, 5f, 1, 500)).allMatch(t -> t == 1));
    }

    @Test
    void tokensScoredMinusInfinityAreNeverDrawn() {
        float[] logits = {Float.NEGATIVE_INFINITY, 0f, Float.NEGATIVE_INFINITY, 0f};
        NextTokenSampler sampler = new NextTokenSampler(1f, 0, 4);
        for (int i = 0; i < 1000; i++) {
            int t = sampler.sample(logits);
            assertTrue(t == 1 || t == 3, "drew " + t);
        }
        assertThrows(IllegalArgumentException.class,
                () -> sampler.sample(new float[] {Float.NEGATIVE_INFINITY, Float.NaN}));
    }

    @Test
    void topIndicesAreHighestFirstWithTiesToTheLowerIndex() {
        assertArrayEquals(new int[] {1, 4, 2}, NextTokenSampler.topIndices(LOGITS, 3));
        assertArrayEquals(new int[] {0, 2, 1}, NextTokenSampler.topIndices(new float[] {5f, Float.NaN, 5f}, 5));
        assertArrayEquals(new int[] {}, NextTokenSampler.topIndices(LOGITS, 0));
    }

    @Test
    void refusesANegativeTemperatureOrTopK() {
        assertThrows(IllegalArgumentException.class, () -> new NextTokenSampler(-0.1f, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new NextTokenSampler(Float.NaN, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new NextTokenSampler(1f, -1, 1));
    }

    private static int[] draws(long seed, float temperature, int topK, int n) {
        NextTokenSampler sampler = new NextTokenSampler(temperature, topK, seed);
        return IntStream.range(0, n).map(i -> sampler.sample(LOGITS)).toArray();
    }

    private static int[] counts(int[] draws) {
        int[] counts = new int[LOGITS.length];
        for (int d : draws) {
            counts[d]++;
        }
        return counts;
    }

    private static double[] softmax(float[] logits, float temperature) {
        double[] e = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            e[i] = Math.exp(logits[i] / temperature);
            sum += e[i];
        }
        for (int i = 0; i < e.length; i++) {
            e[i] /= sum;
        }
        return e;
    }
}
