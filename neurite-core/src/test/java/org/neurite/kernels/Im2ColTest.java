package org.neurite.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.neurite.testing.Tolerances;

class Im2ColTest {
    private static float[] random(Random rng, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) rng.nextGaussian();
        }
        return a;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    @Test
    void unfoldPlacesEachTapsChannelsAndZeroesPadding() {
        // one sequence of 3 steps, 2 channels; windows of 2 taps, stride 1, one padding step on the left
        float[] x = {1, 2, 3, 4, 5, 6};
        Window1D w = new Window1D(1, 3, 2, 2, 1, 1, 1, 3);
        float[] cols = new float[3 * 4];
        Im2Col.unfold(w, 1, 0, x, 0, cols, 0);
        assertArrayEquals(new float[] {0, 0, 1, 2, 1, 2, 3, 4, 3, 4, 5, 6}, cols);
        float[] secondGroup = new float[3 * 2];
        Im2Col.unfold(w, 2, 1, x, 0, secondGroup, 0);
        assertArrayEquals(new float[] {0, 2, 2, 4, 4, 6}, secondGroup);
    }

    /** col2im is the transpose of im2col: ⟨unfold(x), c⟩ = ⟨x, fold(c)⟩ for every window and group. */
    @Test
    void foldIsTheTransposeOfUnfold() {
        Random rng = new Random(1);
        Window1D[] windows = {new Window1D(3, 9, 4, 3, 2, 1, 1, 5), new Window1D(2, 8, 6, 3, 1, 2, 4, 8),
            new Window1D(5, 11, 2, 4, 3, 1, 0, 3)};
        for (Window1D w : windows) {
            for (int groups : new int[] {1, 2}) {
                int depth = w.size() * w.channels() / groups;
                float[] x = random(rng, w.batch() * w.time() * w.channels());
                float[] c = random(rng, w.batch() * w.outLength() * depth);
                for (int g = 0; g < groups; g++) {
                    float[] cols = new float[c.length];
                    Im2Col.unfold(w, groups, g, x, 0, cols, 0);
                    float[] dx = new float[x.length];
                    Im2Col.foldAdd(w, groups, g, c, 0, dx);
                    assertEquals(dot(cols, c), dot(x, dx), Tolerances.REORDERED_SUMS * Math.sqrt(c.length), w.toString());
                }
            }
        }
    }
}
