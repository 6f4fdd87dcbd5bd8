package org.neurite.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neurite.nn.Input;
import org.neurite.nn.SymbolicTensor;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Flatten;
import org.neurite.nn.layers.LSTM;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.train.Adam;
import org.neurite.train.FitOptions;
import org.neurite.train.History;
import org.neurite.train.Losses;
import org.neurite.train.Metrics;
import org.neurite.train.Trainer;

/** One model object: compile by words, fit, evaluate, predict and trainOnBatch as the training loop does them. */
class ModelTest {
    private static final int SAMPLES = 96;

    /** Three classes from four features: the class is the index of the largest of the first three. */
    static Tensor features() {
        Rng rng = new Rng(3);
        float[] x = new float[SAMPLES * 4];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.uniform(-1f, 1f);
        }
        return Tensor.of(x, SAMPLES, 4);
    }

    static Tensor classes(Tensor x) {
        float[] y = new float[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            int best = 0;
            for (int c = 1; c < 3; c++) {
                best = x.get(i, c) > x.get(i, best) ? c : best;
            }
            y[i] = best;
        }
        return Tensor.vector(y);
    }

    static Sequential classifier(long seed) {
        return Sequential.of(Input.of(4), new Dense(16, "relu"), new Dense(3, "softmax")).seed(seed);
    }

    @Test
    void compiledByWordsTrainsExactlyAsTheTypedTrainer() {
        Tensor x = features();
        Tensor y = classes(x);
        FitOptions options = FitOptions.builder().batchSize(16).epochs(3).validationSplit(0.25f).build();

        Sequential model = classifier(5);
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        History history = model.fit(x, y, options);

        Sequential twin = classifier(5);
        Trainer trainer = Trainer.compile(twin.network(), new Adam(1e-3f), Losses.sparseCategoricalCrossentropy(),
                Metrics.accuracy());
        History expected = trainer.fit(x, y, options);

        assertEquals(expected.history(), history.history());
        assertArrayEquals(twin.predict(x).toArray(), model.predict(x).toArray());
        assertEquals(List.of("loss", "accuracy", "val_loss", "val_accuracy"), List.copyOf(history.history().keySet()));
    }

    @Test
    void evaluateAndPredictUseKerasBatchSizeOf32ByDefault() {
        Tensor x = features();
        Tensor y = classes(x);
        Sequential model = classifier(6);
        model.compile("sgd", "sparse_categorical_crossentropy", "accuracy");

        assertEquals(model.evaluate(x, y, 32), model.evaluate(x, y));
        assertArrayEquals(model.network().predict(x, 32).toArray(), model.predict(x).toArray());
        assertEquals(32, Model.DEFAULT_BATCH_SIZE);
    }

    @Test
    void historyIsReadByMetricNameAndEpoch() {
        Tensor x = features();
        Tensor y = classes(x);
        Sequential model = classifier(7);
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        History history = model.fit(x, y, FitOptions.builder().epochs(4).validationSplit(0.25f).build());

        List<Double> valAccuracy = history.get("val_accuracy");
        assertEquals(4, valAccuracy.size());
        assertEquals(valAccuracy, history.valAccuracy());
        assertEquals(valAccuracy.get(2), history.get("val_accuracy", 2));
        assertEquals(valAccuracy.get(3), history.last("val_accuracy"));
        assertEquals(history.get("loss"), history.loss());
        assertEquals(List.of(0, 1, 2, 3), history.epoch());
        assertTrue(history.contains("val_loss"));
        var unknown = assertThrows(IllegalArgumentException.class, () -> history.get("val_acc"));
        assertEquals("History has no 'val_acc'; it holds [loss, accuracy, val_loss, val_accuracy]", unknown.getMessage());
    }

    @Test
    void trainOnBatchTakesOneStepAndReturnsTheLogs() {
        Tensor x = features();
        Tensor y = classes(x);
        Sequential model = classifier(8);
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        Sequential twin = classifier(8);
        Trainer trainer = Trainer.compile(twin.network(), new Adam(), Losses.sparseCategoricalCrossentropy(),
                Metrics.accuracy());

        assertEquals(trainer.trainOnBatch(x, y), model.trainOnBatch(x, y));
        assertArrayEquals(twin.predict(x).toArray(), model.predict(x).toArray());
    }

    @Test
    void functionalModelIsOneObjectToo() {
        SymbolicTensor in = Input.of(4);
        SymbolicTensor hidden = new Dense(8, "tanh").apply(in);
        Model model = new Model(in, new Dense(3, "softmax").apply(hidden)).seed(9);
        model.compile(new Adam(1e-2f), "sparse_categorical_crossentropy", "acc");
        Tensor x = features();
        History history = model.fit(x, classes(x), FitOptions.builder().epochs(2).build());

        assertEquals(List.of("loss", "acc"), List.copyOf(history.history().keySet()));
        assertEquals(List.of(96, 3), List.of(model.predict(x).dim(0), model.predict(x).dim(1)));
        assertEquals(List.of("dense", "dense_1"), model.layers().stream().map(l -> l.name()).toList());
    }

    @Test
    void predictAllReturnsEveryOutput() {
        SymbolicTensor in = Input.of(4);
        SymbolicTensor a = new Dense(2).apply(in);
        SymbolicTensor b = new Dense(1, "sigmoid").apply(in);
        Model model = new Model(List.of(in), List.of(a, b)).seed(10);
        Tensor x = features();

        List<Tensor> outputs = model.predictAll(List.of(x));

        assertEquals(2, outputs.size());
        assertArrayEquals(new int[] {SAMPLES, 2}, outputs.get(0).shape());
        assertArrayEquals(new int[] {SAMPLES, 1}, outputs.get(1).shape());
    }

    @Test
    void wrappingALoadedSequentialNetworkGivesASequential() {
        Sequential model = classifier(11);
        assertInstanceOf(Sequential.class, Model.of(model.network()));
        assertEquals(Map.of(), model.metadata());
        assertEquals(model.layers(), List.of(model.getLayer("dense"), model.getLayer("dense_1")));
        assertEquals(16 * 4 + 16 + 3 * 16 + 3, model.countParams());
    }

    @Test
    void sequentialChecksShapesAsLayersAreAdded() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Sequential.of(Input.of(28, 28), new Flatten(), new Dense(2), new LSTM(3)));
        assertTrue(e.getMessage().startsWith("layer 'lstm' (LSTM)"), e.getMessage());
    }
}
