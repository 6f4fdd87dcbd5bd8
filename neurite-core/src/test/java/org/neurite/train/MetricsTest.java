package org.neurite.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neurite.tensor.Tensor;

/** Each metric on small hand-made batches, accumulated over two updates, then reset. */
class MetricsTest {
    private static final double EXACT = 1e-12;

    private static Tensor column(float... values) {
        return Tensor.of(values, values.length, 1);
    }

    private static Tensor rows(float[]... rows) {
        return Tensor.matrix(rows);
    }

    @Test
    void binaryAccuracyThresholdsStrictlyAboveAndAccumulates() {
        Metric m = Metrics.binaryAccuracy();
        m.update(column(0.9f, 0.4f, 0.6f), Tensor.vector(1f, 0f, 0f));     // right, right, wrong
        m.update(column(0.5f), column(1f));                                 // 0.5 is not above 0.5: wrong
        assertEquals(2 / 4.0, m.result(), EXACT);
        m.reset();
        assertEquals(0, m.result(), EXACT);
        m.update(column(0.7f), column(1f));
        assertEquals(1, m.result(), EXACT);
        assertEquals("binary_accuracy", m.name());
    }

    @Test
    void binaryAccuracyTakesAThreshold() {
        Metric m = Metrics.binaryAccuracy(0.8f);
        m.update(column(0.9f, 0.7f), column(1f, 1f));
        assertEquals(0.5, m.result(), EXACT);
    }

    @Test
    void categoricalAccuracyComparesArgmaxes() {
        Metric m = Metrics.categoricalAccuracy();
        m.update(rows(new float[] {0.1f, 0.7f, 0.2f}, new float[] {0.5f, 0.3f, 0.2f}),
                rows(new float[] {0, 1, 0}, new float[] {0, 0, 1}));
        m.update(rows(new float[] {0.2f, 0.2f, 0.6f}), rows(new float[] {0, 0, 1}));
        assertEquals(2 / 3.0, m.result(), EXACT);
    }

    @Test
    void sparseCategoricalAccuracyComparesArgmaxWithTheLabel() {
        Metric m = Metrics.sparseCategoricalAccuracy();
        m.update(rows(new float[] {0.1f, 0.7f, 0.2f}, new float[] {0.5f, 0.3f, 0.2f}), Tensor.vector(1f, 2f));
        m.update(rows(new float[] {0.2f, 0.2f, 0.6f}, new float[] {0.9f, 0f, 0.1f}), column(2f, 0f));
        assertEquals(3 / 4.0, m.result(), EXACT);
    }

    @Test
    void accuracyChoosesBinaryForOneScorePerSample() {
        Metric m = Metrics.accuracy();
        m.update(column(0.9f, 0.4f, 0.6f), Tensor.vector(1f, 0f, 0f));
        assertEquals(2 / 3.0, m.result(), EXACT);
        assertEquals("accuracy", m.name());
    }

    @Test
    void accuracyChoosesCategoricalForTargetsShapedLikePredictions() {
        Metric m = Metrics.accuracy();
        // As binary accuracy these rows would score 5/6, as categorical 1/2.
        m.update(rows(new float[] {0.1f, 0.7f, 0.2f}, new float[] {0.4f, 0.3f, 0.3f}),
                rows(new float[] {0, 1, 0}, new float[] {0, 0, 1}));
        assertEquals(0.5, m.result(), EXACT);
    }

    @Test
    void accuracyChoosesSparseForClassIndices() {
        Metric m = Metrics.accuracy();
        m.update(rows(new float[] {0.1f, 0.7f, 0.2f}, new float[] {0.4f, 0.3f, 0.3f}), column(1f, 2f));
        m.update(rows(new float[] {0.1f, 0.1f, 0.8f}), Tensor.vector(2f));
        assertEquals(2 / 3.0, m.result(), EXACT);
    }

    /**
     * Keras' {@code is_binary_or_sparse_categorical} (keras/src/trainers/compile_utils.py), case by
     * case: binary when the predictions' last axis is 1, sparse when the labels have fewer axes or a
     * last axis of 1 against several classes, categorical otherwise; the loss plays no part.
     */
    @Test
    void accuracyKindFollowsKerasCompileUtilsRule() {
        assertEquals("binary_accuracy", Accuracies.kindFor(new int[] {32, 1}, new int[] {32, 1}));
        assertEquals("binary_accuracy", Accuracies.kindFor(new int[] {32}, new int[] {32, 1}));
        assertEquals("sparse_categorical_accuracy", Accuracies.kindFor(new int[] {32}, new int[] {32, 10}));
        assertEquals("sparse_categorical_accuracy", Accuracies.kindFor(new int[] {32, 1}, new int[] {32, 10}));
        assertEquals("sparse_categorical_accuracy", Accuracies.kindFor(new int[] {32, 20}, new int[] {32, 20, 5}));
        assertEquals("categorical_accuracy", Accuracies.kindFor(new int[] {32, 10}, new int[] {32, 10}));
        assertEquals("categorical_accuracy", Accuracies.kindFor(new int[] {32, 20, 5}, new int[] {32, 20, 5}));
        // A rank-1 prediction's last axis is the batch, as in Keras: more than one sample is not binary.
        assertEquals("categorical_accuracy", Accuracies.kindFor(new int[] {32}, new int[] {32}));
    }

    @Test
    void accAliasLogsUnderItsOwnName() {
        Metric m = Metrics.byName("acc");
        m.update(column(0.9f, 0.4f, 0.6f), Tensor.vector(1f, 0f, 0f));
        assertEquals("acc", m.name());
        assertEquals(2 / 3.0, m.result(), EXACT);
    }

    @Test
    void accuracyErrorsNameTheMetric() {
        Tensor p = rows(new float[] {0.1f, 0.9f});
        var shapes = assertThrows(IllegalArgumentException.class, () -> Metrics.accuracy().update(p, Tensor.zeros(2)));
        assertEquals("accuracy: predictions [1, 2] and targets [2] do not fit; "
                + "expected class indices shaped like the predictions without their last axis", shapes.getMessage());
        var label = assertThrows(IllegalArgumentException.class,
                () -> Metrics.sparseCategoricalAccuracy().update(p, Tensor.vector(2f)));
        assertEquals("sparse_categorical_accuracy: target 2.0 at position 0 is not a class index; "
                + "expected an integer in [0, 2)", label.getMessage());
    }

    @Test
    void precisionAndRecallCountOverBatches() {
        Metric precision = Metrics.precision();
        Metric recall = Metrics.recall();
        for (Metric m : new Metric[] {precision, recall}) {
            m.update(column(0.9f, 0.8f, 0.2f), column(1f, 0f, 1f));   // tp, fp, fn
            m.update(column(0.7f, 0.1f), column(1f, 0f));             // tp, tn
        }
        assertEquals(2 / 3.0, precision.result(), EXACT);
        assertEquals(2 / 3.0, recall.result(), EXACT);
        precision.update(column(0.6f), column(0f));                   // fp
        assertEquals(2 / 4.0, precision.result(), EXACT);
        precision.reset();
        assertEquals(0, precision.result(), EXACT, "nothing predicted positive yet");
    }

    @Test
    void precisionAndRecallFlattenOneHotClassesAsKerasDoes() {
        Tensor p = rows(new float[] {0.7f, 0.2f, 0.1f}, new float[] {0.4f, 0.6f, 0f});
        Tensor t = rows(new float[] {1, 0, 0}, new float[] {1, 0, 0});
        Metric precision = Metrics.precision();
        Metric recall = Metrics.recall();
        precision.update(p, t);
        recall.update(p, t);
        // elements: tp (0.7), fp (0.6), fn (0.4)
        assertEquals(0.5, precision.result(), EXACT);
        assertEquals(0.5, recall.result(), EXACT);
    }

    @Test
    void meanMetricWeighsBatchesBySize() {
        Metric m = Metrics.meanMetric("mean_error", (p, t) -> p.sub(t).abs());
        m.update(Tensor.vector(1f, 2f), Tensor.vector(0f, 0f));
        m.update(Tensor.vector(3f), Tensor.vector(0f));
        assertEquals(2, m.result(), EXACT);
    }

    @Test
    void byNameKnowsKerasNames() {
        for (String name : new String[] {"accuracy", "binary_accuracy", "categorical_accuracy",
                "sparse_categorical_accuracy", "precision", "recall", "auc"}) {
            assertEquals(name, Metrics.byName(name).name());
        }
        var e = assertThrows(IllegalArgumentException.class, () -> Metrics.byName("f1"));
        assertTrue(e.getMessage().startsWith("unknown metric 'f1'; known: [accuracy"), e.getMessage());
    }
}
