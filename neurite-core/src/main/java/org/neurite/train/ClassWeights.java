package org.neurite.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Class weights that make each class weigh the same in the loss, scikit-learn's
 * {@code compute_class_weight("balanced")}: {@code n / (classes · count_c)}. A class with half
 * the average count weighs 2; the weighted counts all equal {@code n / classes}. Give the result
 * to {@link FitOptions.Builder#classWeight}.
 *
 * <pre>{@code
 * int[] ids = {0, 0, 0, 1};
 * ClassWeights.balanced(ids, 2);          // {0=0.667, 1=2.0}
 * ClassWeights.isImbalanced(ids, 2, 1.5); // true: the largest class is 3x the smallest
 * }</pre>
 */
public final class ClassWeights {
    private ClassWeights() {
    }

    /** The balanced weight of each class id that occurs in {@code ids}; absent classes are left out. */
    public static Map<Integer, Float> balanced(int[] ids, int classes) {
        long[] counts = counts(ids, classes);
        Map<Integer, Float> weights = new LinkedHashMap<>();
        for (int c = 0; c < classes; c++) {
            if (counts[c] > 0) {
                weights.put(c, (float) ((double) ids.length / ((double) classes * counts[c])));
            }
        }
        return weights;
    }

    /**
     * Whether the largest class holds more than {@code ratio} times the texts of the smallest
     * (present) class.
     */
    public static boolean isImbalanced(int[] ids, int classes, double ratio) {
        long[] counts = counts(ids, classes);
        long max = 0;
        long min = Long.MAX_VALUE;
        for (long n : counts) {
            if (n > 0) {
                max = Math.max(max, n);
                min = Math.min(min, n);
            }
        }
        return max > 0 && max > ratio * min;
    }

    /** How many of {@code ids} fall in each class. */
    public static long[] counts(int[] ids, int classes) {
        long[] counts = new long[classes];
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= classes) {
                throw new IllegalArgumentException("class_weight: class ids must be in [0, " + classes + "), got "
                        + ids[i] + " at " + i);
            }
            counts[ids[i]]++;
        }
        return counts;
    }
}
