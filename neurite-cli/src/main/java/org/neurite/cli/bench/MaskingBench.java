package org.neurite.cli.bench;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.neurite.cli.Arguments;
import org.neurite.models.Sequential;
import org.neurite.nn.Input;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Embedding;
import org.neurite.nn.layers.LSTM;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.train.FitOptions;
import org.neurite.train.SequencePadding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code neurite bench masking}: what masking and length bucketing save on review-like lengths. One
 * epoch of Embedding(20000, 128) → LSTM(128) → Dense(1, sigmoid) on sequences padded at the end to
 * 200, with log-normal lengths like IMDB's (median about 175 words), three ways: no mask (every step
 * computed), {@code mask_zero} (padded steps skipped inside the LSTM), and mask plus length buckets
 * (batches of similar lengths, trimmed to their longest). The second round's times are reported.
 */
@Command(name = "masking", mixinStandardHelpOptions = true,
        description = "Time an LSTM epoch on review-like lengths: no mask, mask, mask with length buckets.")
public final class MaskingBench implements Callable<Integer> {
    private static final int LENGTH = 200;

    @Option(names = "--samples", defaultValue = "5120", converter = Arguments.Count.class, description = "Sequences (default: ${DEFAULT-VALUE}).")
    int samples;

    @Override
    public Integer call() {
        Tensor[] data = reviewLikeData(samples, new Rng(3));
        String[] modes = {"no_mask", "mask", "mask_buckets"};
        double[] seconds = new double[modes.length];
        for (int round = 0; round < 2; round++) {
            for (int m = 0; m < modes.length; m++) {
                seconds[m] = epochSeconds(data, modes[m]);
            }
        }
        for (int m = 0; m < modes.length; m++) {
            System.out.printf(Locale.ROOT, "%s_epoch_seconds=%.2f%n", modes[m], seconds[m]);
        }
        return 0;
    }

    private static double epochSeconds(Tensor[] data, String mode) {
        Sequential model = Sequential.of(Input.of(-1),
                Embedding.builder().setInputDim(20000).setOutputDim(128).optMaskZero(!mode.equals("no_mask")).build(),
                LSTM.builder().setUnits(128).build(), new Dense(1, "sigmoid")).seed(1);
        model.compile("adam", "binary_crossentropy");
        FitOptions.Builder options = FitOptions.builder().batchSize(64).epochs(1);
        if (mode.equals("mask_buckets")) {
            options.bucketBySequenceLength(SequencePadding.POST);
        }
        long start = System.nanoTime();
        model.fit(data[0], data[1], options.build());
        return (System.nanoTime() - start) / 1e9;
    }

    /** Token ids {@code (samples, 200)} padded with 0 at the end, and random 0/1 labels. */
    private static Tensor[] reviewLikeData(int samples, Rng rng) {
        Tensor ids = Tensor.zeros(samples, LENGTH);
        Tensor labels = Tensor.zeros(samples, 1);
        long real = 0;
        for (int i = 0; i < samples; i++) {
            int length = (int) Math.min(LENGTH, Math.max(5, Math.exp(5.16 + 0.75 * rng.normal(0, 1))));
            real += length;
            for (int t = 0; t < length; t++) {
                ids.set(1 + rng.nextInt(19999), i, t);
            }
            labels.set(rng.nextInt(2), i, 0);
        }
        System.out.printf(Locale.ROOT, "real_steps_percent=%.1f%n", 100.0 * real / ((long) samples * LENGTH));
        return new Tensor[] {ids, labels};
    }
}
