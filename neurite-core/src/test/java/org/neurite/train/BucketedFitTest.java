package org.neurite.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurite.autograd.Variable;
import org.neurite.nn.Activation;
import org.neurite.nn.Input;
import org.neurite.nn.Layer;
import org.neurite.nn.SequentialNetwork;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Embedding;
import org.neurite.nn.layers.GlobalAveragePooling1D;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;

class BucketedFitTest {
    private static final int SAMPLES = 256;
    private static final int TIME = 40;

    /** Passes its input through and remembers the time length of every batch it saw. */
    private static final class TimeRecorder extends Layer {
        final List<Integer> times = new ArrayList<>();

        TimeRecorder() {
            super(null);
        }

        @Override
        public String type() {
            return "TimeRecorder";
        }

        @Override
        public int[] outputShape(int[] inputShape) {
            return inputShape.clone();
        }

        @Override
        public Variable call(Variable input, boolean training) {
            times.add(input.shape()[1]);
            return input;
        }
    }

    /** Post-padded ids of random length; the target is whether token 1 occurs. */
    private static Tensor[] data() {
        Rng rng = new Rng(11);
        Tensor x = Tensor.zeros(SAMPLES, TIME);
        Tensor y = Tensor.zeros(SAMPLES, 1);
        for (int i = 0; i < SAMPLES; i++) {
            int length = 1 + (i % 4 == 0 ? rng.nextInt(TIME) : rng.nextInt(8));
            for (int t = 0; t < length; t++) {
                float id = 2 + rng.nextInt(8);
                x.set(id, i, t);
            }
            if (i % 2 == 0) {
                x.set(1f, i, rng.nextInt(length));
                y.set(1f, i, 0);
            }
        }
        return new Tensor[] {x, y};
    }

    private static final Loss MEAN_SQUARED_ERROR = Losses.meanSquaredError();

    @Test
    void bucketedFitTrainsOnTrimmedBatches() {
        TimeRecorder recorder = new TimeRecorder();
        SequentialNetwork model = SequentialNetwork.of(Input.of(-1),
                Embedding.builder().setInputDim(10).setOutputDim(8).optMaskZero(true).build(), recorder,
                new GlobalAveragePooling1D(), new Dense(1, Activation.SIGMOID));
        model.seed(3);
        Trainer trainer = Trainer.compile(model, new Adam(0.05f), MEAN_SQUARED_ERROR);
        Tensor[] data = data();
        FitOptions options = FitOptions.builder().batchSize(16).epochs(15)
                .bucketBySequenceLength(SequencePadding.POST).build();
        History history = trainer.fit(data[0], data[1], options);
        List<Double> losses = history.get("loss");
        assertTrue(losses.get(losses.size() - 1) < 0.5 * losses.get(0), losses.toString());
        assertEquals(15 * SAMPLES / 16, recorder.times.size());
        int total = 0;
        for (int time : recorder.times) {
            assertTrue(time % FitOptions.BUCKET_TIME_MULTIPLE == 0 || time == TIME, "batch of length " + time);
            total += time;
        }
        assertTrue(total < 0.5 * TIME * recorder.times.size(), "mean batch length " + total / recorder.times.size());
    }
}
