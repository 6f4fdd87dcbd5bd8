package org.neurite.cli.report;

import java.util.Arrays;
import org.neurite.tensor.Tensor;

/**
 * A classifier's outputs as one probability per class and text: a softmax output
 * {@code (texts, classes)} as it is, a single sigmoid output {@code (texts, 1)} as the two
 * columns {@code 1 - p, p} (class 1 is the positive one, as the labels were encoded).
 */
public final class ClassProbabilities {
    private ClassProbabilities() {
    }

    /**
     * Row-major {@code (texts, classes)} probabilities.
     *
     * @throws IllegalArgumentException when the output does not fit {@code classes}
     */
    public static float[] of(Tensor output, int classes) {
        if (output.rank() != 2) {
            throw new IllegalArgumentException("the model outputs shape " + Arrays.toString(output.shape())
                    + "; a classifier's output is (texts, classes) or (texts, 1)");
        }
        int n = output.dim(0);
        float[] values = output.toArray();
        if (output.dim(1) == classes) {
            return values;
        }
        if (output.dim(1) == 1 && classes == 2) {
            float[] two = new float[2 * n];
            for (int i = 0; i < n; i++) {
                two[2 * i] = 1 - values[i];
                two[2 * i + 1] = values[i];
            }
            return two;
        }
        throw new IllegalArgumentException("the model outputs " + output.dim(1) + " values per text but its label"
                + " mapping names " + classes + " classes");
    }

    /** The class with the highest probability in row {@code i} (the first on a tie). */
    public static int argmax(float[] probabilities, int classes, int i) {
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (probabilities[i * classes + c] > probabilities[i * classes + best]) {
                best = c;
            }
        }
        return best;
    }
}
