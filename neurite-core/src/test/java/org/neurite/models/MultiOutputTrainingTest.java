package org.neurite.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.neurite.nn.Activation;
import org.neurite.nn.Input;
import org.neurite.nn.SymbolicTensor;
import org.neurite.nn.layers.Dense;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.testing.Tolerances;
import org.neurite.train.FitOptions;
import org.neurite.train.History;

/**
 * A model with a classification head and a regression head, trained through the model object with
 * a loss, a loss weight, metrics and sample weights per output, logged under Keras' names.
 */
class MultiOutputTrainingTest {
    private static final int N = 40;
    private static final Tensor X = Tensor.normal(new Rng(1), 0f, 1f, N, 4);
    private static final Tensor LABELS = labels();
    private static final Tensor VALUES = Tensor.normal(new Rng(2), 0f, 1f, N, 1);
    private static final float VALUE_WEIGHT = 0.5f;

    private static Model twoHeads() {
        SymbolicTensor in = Input.of(4);
        SymbolicTensor hidden = Dense.builder().optName("hidden").setUnits(8).optActivation(Activation.RELU).build().apply(in);
        SymbolicTensor kind = Dense.builder().optName("class").setUnits(3).optActivation(Activation.SOFTMAX).build().apply(hidden);
        SymbolicTensor value = Dense.builder().optName("value").setUnits(1).build().apply(hidden);
        return new Model(List.of(in), List.of(kind, value)).seed(3);
    }

    private static Model compiled() {
        return twoHeads().compile("sgd", Map.of("class", "sparse_categorical_crossentropy", "value", "mse"),
                Map.of("value", VALUE_WEIGHT), Map.of("class", List.of("accuracy")));
    }

    @Test
    void logsAreNamedAsKerasNamesThem() {
        Model model = compiled();

        Map<String, Double> logs = model.evaluate(List.of(X), List.of(LABELS, VALUES));
        History history = model.fit(List.of(X), List.of(LABELS, VALUES), FitOptions.builder().epochs(2)
                .validationSplit(0.25f).build());

        // keras: model.evaluate(..., return_dict=True) of the same model
        assertEquals(Set.of("loss", "class_loss", "value_loss", "class_accuracy"), logs.keySet());
        assertEquals(Set.of("loss", "class_loss", "value_loss", "class_accuracy", "val_loss", "val_class_loss",
                "val_value_loss", "val_class_accuracy"), history.values().keySet());
    }

    @Test
    void theTotalLossIsTheWeightedSumOfUnweightedOutputLosses() {
        Model model = compiled();

        Map<String, Double> logs = model.evaluate(List.of(X), List.of(LABELS, VALUES));
        List<Tensor> predictions = model.predictAll(List.of(X));
        double crossentropy = 0;
        double squared = 0;
        for (int i = 0; i < N; i++) {
            crossentropy -= Math.log(predictions.get(0).data()[i * 3 + (int) LABELS.data()[i]]);
            double d = predictions.get(1).data()[i] - VALUES.data()[i];
            squared += d * d;
        }
        crossentropy /= N;
        squared /= N;

        assertEquals(crossentropy, logs.get("class_loss"), Tolerances.REFERENCE);
        assertEquals(squared, logs.get("value_loss"), Tolerances.REFERENCE);
        assertEquals(crossentropy + VALUE_WEIGHT * squared, logs.get("loss"), Tolerances.REFERENCE);
    }

    @Test
    void anOutputWhoseSamplesAllWeighZeroLeavesItsHeadUntouched() {
        Model model = compiled();
        model.build();
        float[] valueBefore = model.parametersByPath().get("value.kernel").value().toArray();
        float[] classBefore = model.parametersByPath().get("class.kernel").value().toArray();

        model.fit(List.of(X), List.of(LABELS, VALUES), FitOptions.builder().epochs(1)
                .sampleWeights(Map.of("value", Tensor.zeros(N))).build());

        assertArrayEquals(valueBefore, model.parametersByPath().get("value.kernel").value().toArray(), 0f);
        assertTrue(maxChange(classBefore, model.parametersByPath().get("class.kernel").value().toArray()) > 0f);
    }

    @Test
    void aZeroLossWeightLeavesItsHeadUntouched() {
        Model model = twoHeads().compile("sgd", Map.of("class", "sparse_categorical_crossentropy", "value", "mse"),
                Map.of("class", 0f), null);
        model.build();
        float[] classBefore = model.parametersByPath().get("class.kernel").value().toArray();

        model.fit(List.of(X), List.of(LABELS, VALUES), FitOptions.builder().epochs(1).build());

        assertArrayEquals(classBefore, model.parametersByPath().get("class.kernel").value().toArray(), 0f);
    }

    @Test
    void anUnknownOutputNameIsRefusedWithTheModelsNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> twoHeads().compile("sgd",
                Map.of("class", "sparse_categorical_crossentropy", "valeu", "mse"), null, null));
        assertTrue(e.getMessage().contains("'valeu'") && e.getMessage().contains("[class, value]"), e.getMessage());
    }

    @Test
    void sampleWeightsOfTheWrongLengthNameTheOutput() {
        Model model = compiled();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.fit(List.of(X),
                List.of(LABELS, VALUES), FitOptions.builder().sampleWeights(Map.of("class", Tensor.ones(3))).build()));
        assertEquals("fit: sampleWeights for output 'class' must hold one weight per sample, (" + N + "), got [3]",
                e.getMessage());
    }

    private static Tensor labels() {
        float[] labels = new float[N];
        for (int i = 0; i < N; i++) {
            labels[i] = i % 3;
        }
        return Tensor.vector(labels);
    }

    private static float maxChange(float[] a, float[] b) {
        float max = 0f;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
