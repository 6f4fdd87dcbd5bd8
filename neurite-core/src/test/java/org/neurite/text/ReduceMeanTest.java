package org.neurite.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.neurite.testing.Tolerances;

/** TensorFlow's float32 mean: exact where the order of sums cannot matter, and close to the true mean always. */
class ReduceMeanTest {
    @Test
    void givesTensorFlowsMeanToTheLastBit() throws java.io.IOException {
        com.fasterxml.jackson.databind.JsonNode reference;
        try (java.io.InputStream in = getClass().getResourceAsStream("/reference/text/keras_text_vectorization.json")) {
            reference = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in).get("reduce_mean");
        }
        for (int c = 0; c < reference.get("sizes").size(); c++) {
            int n = reference.get("sizes").get(c).asInt();
            float[] x = new float[n + 3];   // at an offset, as the idf weights after the OOV entry
            for (int i = 0; i < n; i++) {
                x[3 + i] = (float) ((i * 7919L % 1009) / 97.0);
            }
            assertEquals((float) reference.get("means").get(c).asDouble(), ReduceMean.of(x, 3, n + 3), "n = " + n);
        }
    }

    @Test
    void smallIntegersSumExactly() {
        assertEquals(2.5f, ReduceMean.of(new float[] {9, 1, 2, 3, 4}, 1, 5));
        assertEquals(0f, ReduceMean.of(new float[] {7}, 1, 1));
    }

    @Test
    void packetsAndTailAreAllCounted() {
        for (int n = 1; n <= 40; n++) {
            float[] ones = new float[n];
            java.util.Arrays.fill(ones, 1f);
            assertEquals(1f, ReduceMean.of(ones, 0, n), "n = " + n);
        }
    }

    @Property(tries = 50)
    void staysCloseToTheExactMean(@ForAll @IntRange(min = 1, max = 20_000) int n, @ForAll long seed,
                                  @ForAll @FloatRange(min = 0.1f, max = 12f) float scale) {
        java.util.Random random = new java.util.Random(seed);
        float[] x = new float[n + 1];
        double exact = 0;
        for (int i = 1; i <= n; i++) {
            x[i] = scale * random.nextFloat();
            exact += x[i];
        }
        exact /= n;
        assertEquals(exact, ReduceMean.of(x, 1, n + 1), Tolerances.REORDERED_SUMS * Math.max(1, exact));
    }
}
