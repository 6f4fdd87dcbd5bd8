package org.neurite.train;

import java.util.function.BiFunction;
import org.neurite.tensor.Tensor;

/**
 * The per-sample correctness behind Keras' accuracy metrics, 1 for right and 0 for wrong, which a
 * {@link MeanMetric} averages. Each takes {@code (predictions, targets)}.
 */
final class Accuracies {
    private Accuracies() {
    }

    /** {@code (p > threshold) == t} per element: one score per output, as for a sigmoid layer. */
    static BiFunction<Tensor, Tensor, Tensor> binary(String who, float threshold) {
        return (p, t) -> p.greater(Tensor.scalar(threshold)).equal(Targets.aligned(who, p, t));
    }

    /** {@code argmax p == argmax t} per row: one-hot targets. */
    static BiFunction<Tensor, Tensor, Tensor> categorical(String who) {
        return (p, t) -> same(p.argmax(-1), Targets.aligned(who, p, t).argmax(-1));
    }

    /** {@code argmax p == t} per row: class indices as targets. */
    static BiFunction<Tensor, Tensor, Tensor> sparseCategorical(String who) {
        return (p, t) -> same(p.argmax(-1), Targets.classIndices(who, p, t));
    }

    /**
     * Keras' {@code metrics=["accuracy"]}, which picks its kind from the first batch's shapes
     * ({@code keras/src/trainers/compile_utils.py}, {@code get_metric}), never from the loss: see
     * {@link #kindFor}.
     */
    static BiFunction<Tensor, Tensor, Tensor> chosenOnFirstUse(String who) {
        return new BiFunction<>() {
            private BiFunction<Tensor, Tensor, Tensor> chosen;

            @Override
            public Tensor apply(Tensor p, Tensor t) {
                if (chosen == null) {
                    chosen = switch (kindFor(t.shape(), p.shape())) {
                        case "binary_accuracy" -> binary(who, 0.5f);
                        case "sparse_categorical_accuracy" -> sparseCategorical(who);
                        default -> categorical(who);
                    };
                }
                return chosen.apply(p, t);
            }
        };
    }

    /**
     * The accuracy Keras' {@code "accuracy"} (or {@code "acc"}) becomes for targets and predictions of
     * these shapes, as {@code is_binary_or_sparse_categorical} decides: binary when the predictions'
     * last axis is 1; sparse categorical when the targets have fewer axes than the predictions, or a
     * last axis of 1 where the predictions' is larger; categorical otherwise.
     *
     * @return {@code binary_accuracy}, {@code sparse_categorical_accuracy} or {@code categorical_accuracy}
     */
    static String kindFor(int[] targetShape, int[] predictionShape) {
        int predictionLast = predictionShape.length == 0 ? 1 : predictionShape[predictionShape.length - 1];
        int targetLast = targetShape.length == 0 ? 1 : targetShape[targetShape.length - 1];
        if (predictionLast == 1) {
            return "binary_accuracy";
        }
        boolean sparse = targetShape.length < predictionShape.length || targetLast == 1 && predictionLast > 1;
        return sparse ? "sparse_categorical_accuracy" : "categorical_accuracy";
    }

    private static Tensor same(int[] predicted, int[] actual) {
        float[] hits = new float[predicted.length];
        for (int i = 0; i < hits.length; i++) {
            hits[i] = predicted[i] == actual[i] ? 1f : 0f;
        }
        return Tensor.vector(hits);
    }
}
