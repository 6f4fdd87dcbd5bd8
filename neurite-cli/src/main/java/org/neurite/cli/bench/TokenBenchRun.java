package org.neurite.cli.bench;

import java.util.Arrays;
import java.util.Locale;
import org.neurite.models.Model;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.train.FitOptions;

/**
 * The timing loop shared by {@code neurite bench transformer} and {@code neurite bench conv}: random
 * token ids (the cost does not depend on them) and labels, Adam, one epoch at a time, then three
 * predictions at batch 256 as the peers run them. Every figure is scaled to 25,000 samples, so a run
 * with {@code --samples} reads like a full one.
 */
final class TokenBenchRun {
    static final int VOCABULARY = 20_000;
    private static final int FULL = 25_000;
    private static final int PREDICT_RUNS = 3;
    private static final int PREDICT_BATCH = 256;

    private TokenBenchRun() {
    }

    /** Trains {@code model} for {@code epochs} epochs and predicts; prints {@code epoch_seconds=} and {@code predict_seconds=}. */
    static void run(Model model, String loss, int length, int samples, int batchSize, int epochs) {
        Rng rng = new Rng(42);
        Tensor x = Tensor.empty(samples, length);
        Tensor y = Tensor.empty(samples, 1);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = 1 + rng.nextInt(VOCABULARY - 1);
        }
        for (int i = 0; i < samples; i++) {
            y.data()[i] = rng.nextInt(2);
        }
        double scale = (double) FULL / samples;
        model.compile("adam", loss);
        FitOptions once = FitOptions.builder().batchSize(batchSize).epochs(1).build();
        for (int e = 0; e < epochs; e++) {
            long t0 = System.nanoTime();
            model.fit(x, y, once);
            System.out.printf(Locale.ROOT, "epoch_seconds=%.2f%n", (System.nanoTime() - t0) / 1e9 * scale);
        }
        double[] predictions = new double[PREDICT_RUNS];
        for (int r = 0; r < PREDICT_RUNS; r++) {
            long t0 = System.nanoTime();
            model.predict(x, PREDICT_BATCH);
            predictions[r] = (System.nanoTime() - t0) / 1e9 * scale;
        }
        Arrays.sort(predictions);
        System.out.printf(Locale.ROOT, "predict_seconds=%.2f%n", predictions[PREDICT_RUNS / 2]);
    }
}
