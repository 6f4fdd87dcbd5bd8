package org.neurite.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurite.nn.Activation;
import org.neurite.nn.Input;
import org.neurite.nn.SequentialNetwork;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Dropout;
import org.neurite.nn.layers.Embedding;
import org.neurite.nn.layers.LSTM;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;

/** One seed makes a whole training run bit-identical: weights, dropout masks, shuffling, history. */
class ReproducibilityTest {
    private static final Tensor X = Tensor.normal(new Rng(1), 0, 1, 200, 6);
    private static final Tensor Y = Tensor.uniform(new Rng(2), 0, 3, 200);

    private record Run(List<Tensor> weights, History history) {
    }

    private static Run fit(long seed) {
        SequentialNetwork model = SequentialNetwork.of(Input.of(6), new Dense(16, Activation.RELU), new Dropout(0.3f),
                new Dense(3, Activation.SOFTMAX)).seed(seed);
        Trainer trainer = Trainer.compile(model, new Adam(1e-2f), Losses.sparseCategoricalCrossentropy(),
                Metrics.accuracy());
        History history = trainer.fit(X, classes(Y), FitOptions.builder().batchSize(16).epochs(3)
                .validationSplit(0.2f).build());
        return new Run(model.getWeights(), history);
    }

    private static Tensor classes(Tensor scores) {
        float[] c = scores.toArray();
        for (int i = 0; i < c.length; i++) {
            c[i] = (float) Math.floor(c[i]);
        }
        return Tensor.vector(c);
    }

    @Test
    void sameSeedGivesBitIdenticalWeightsAndHistory() {
        Run first = fit(42);
        Run second = fit(42);

        for (int i = 0; i < first.weights().size(); i++) {
            assertArrayEquals(first.weights().get(i).toArray(), second.weights().get(i).toArray());
        }
        assertEquals(first.history().values(), second.history().values());
    }

    /**
     * Sigmoid and tanh dominate a recurrent model; their vector kernels must round the same way
     * whether or not the JIT has compiled them yet, or the first run of a JVM would differ from later ones.
     */
    @Test
    void recurrentTrainingIsBitIdenticalFromTheFirstRunOn() {
        Rng rng = new Rng(5);
        Tensor ids = Tensor.zeros(96, 20);
        Tensor labels = Tensor.zeros(96, 1);
        for (int i = 0; i < 96; i++) {
            for (int t = 0, length = 3 + rng.nextInt(17); t < length; t++) {
                ids.set(1 + rng.nextInt(99), i, t);
            }
            labels.set(rng.nextInt(2), i, 0);
        }
        List<Tensor> first = fitRecurrent(ids, labels);
        List<Tensor> second = fitRecurrent(ids, labels);
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(first.get(i).toArray(), second.get(i).toArray(), "weight " + i);
        }
    }

    private static List<Tensor> fitRecurrent(Tensor ids, Tensor labels) {
        SequentialNetwork model = SequentialNetwork.of(Input.of(-1),
                Embedding.builder().setInputDim(100).setOutputDim(8).optMaskZero(true).build(),
                LSTM.builder().setUnits(8).build(), new Dense(1, Activation.SIGMOID)).seed(11);
        Trainer trainer = Trainer.compile(model, new Adam(1e-2f), Losses.binaryCrossentropy());
        trainer.fit(ids, labels, FitOptions.builder().batchSize(16).epochs(2).build());
        return model.getWeights();
    }

    @Test
    void anotherSeedGivesAnotherRun() {
        Run first = fit(42);
        Run other = fit(43);

        assertFalse(Arrays.equals(first.weights().get(0).toArray(), other.weights().get(0).toArray()));
        assertFalse(first.history().values().equals(other.history().values()));
    }
}
