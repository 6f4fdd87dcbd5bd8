package org.neurite.train;

import java.util.function.BiFunction;
import org.neurite.tensor.Tensor;

/**
 * Keras' metrics, by factory or by Keras name. Each call makes a fresh stateful metric; the
 * formulas are on {@link MeanMetric}, {@link BinaryRatio} (precision, recall) and {@link Auc}.
 *
 * <pre>{@code
 * model.compile(new Adam(1e-3f), Losses.binaryCrossentropy(),
 *         Metrics.accuracy(), Metrics.precision(), Metrics.recall(), Metrics.auc());
 * model.compile("adam", "binary_crossentropy", "accuracy", "auc");   // the same by Keras' words
 * }</pre>
 *
 * <p>For a table of which class is mistaken for which, see {@link ConfusionMatrix}.
 */
public final class Metrics {
    private static final java.util.List<String> NAMES = java.util.List.of("accuracy", "acc", "binary_accuracy",
            "categorical_accuracy", "sparse_categorical_accuracy", "precision", "recall", "auc");

    private Metrics() {
    }

    /**
     * Keras' {@code "accuracy"}: binary, categorical or sparse categorical accuracy, chosen from the
     * first batch's shapes as Keras' {@code compile} does (never from the loss). Predictions with one
     * score per sample (last axis 1) give binary accuracy at threshold 0.5; targets with fewer axes
     * than the predictions, or a last axis of 1 where the predictions' is larger, are class indices
     * (sparse categorical); otherwise the targets are one-hot (categorical).
     */
    public static Metric accuracy() {
        return new MeanMetric("accuracy", Accuracies.chosenOnFirstUse("accuracy"));
    }

    /** {@code mean((p > 0.5) == t)}: Keras' {@code binary_accuracy}. */
    public static Metric binaryAccuracy() {
        return binaryAccuracy(0.5f);
    }

    /** {@code mean((p > threshold) == t)}, over every element. */
    public static Metric binaryAccuracy(float threshold) {
        return new MeanMetric("binary_accuracy", Accuracies.binary("binary_accuracy", threshold));
    }

    /** {@code mean(argmax p == argmax t)} over rows, for one-hot targets. */
    public static Metric categoricalAccuracy() {
        return new MeanMetric("categorical_accuracy", Accuracies.categorical("categorical_accuracy"));
    }

    /** {@code mean(argmax p == t)} over rows, for class indices stored as floats. */
    public static Metric sparseCategoricalAccuracy() {
        return new MeanMetric("sparse_categorical_accuracy",
                Accuracies.sparseCategorical("sparse_categorical_accuracy"));
    }

    /** Keras' precision, {@code tp / (tp + fp)} at threshold 0.5: see {@link BinaryRatio}. */
    public static Metric precision() {
        return BinaryRatio.precision();
    }

    /** Keras' recall, {@code tp / (tp + fn)} at threshold 0.5: see {@link BinaryRatio}. */
    public static Metric recall() {
        return BinaryRatio.recall();
    }

    /** ROC AUC from 200 thresholds: see {@link Auc}. */
    public static Metric auc() {
        return new Auc();
    }

    /** The running mean of the per-sample values {@code values(predictions, targets)}: see {@link MeanMetric}. */
    public static Metric meanMetric(String name, BiFunction<Tensor, Tensor, Tensor> values) {
        return new MeanMetric(name, values);
    }

    /**
     * The metric Keras' {@code compile(metrics=["..."])} string names, with Keras' defaults; the
     * metric logs under that name ({@code "acc"} logs as {@code acc}, as in Keras).
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Metric byName(String name) {
        return switch (name) {
            case "accuracy", "acc" -> new MeanMetric(name, Accuracies.chosenOnFirstUse(name));
            case "binary_accuracy" -> binaryAccuracy();
            case "categorical_accuracy" -> categoricalAccuracy();
            case "sparse_categorical_accuracy" -> sparseCategoricalAccuracy();
            case "precision" -> precision();
            case "recall" -> recall();
            case "auc" -> auc();
            default -> throw new IllegalArgumentException("unknown metric '" + name + "'; known: " + NAMES);
        };
    }
}
