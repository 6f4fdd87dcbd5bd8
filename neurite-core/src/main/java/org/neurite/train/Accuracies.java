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
     * Keras' {@code metrics=["accuracy"]}, which picks its kind from the first batch: one score
     * per sample (last axis 1, or rank 1) means binary with threshold 0.5; targets shaped like the
     * predictions mean one-hot, so categorical; anything else means class indices, so sparse.
     */
    static BiFunction<Tensor, Tensor, Tensor> chosenOnFirstUse(String who) {
        return new BiFunction<>() {
            private BiFunction<Tensor, Tensor, Tensor> chosen;

            @Override
            public Tensor apply(Tensor p, Tensor t) {
                if (chosen == null) {
                    chosen = choose(who, p, t);
                }
                return chosen.apply(p, t);
            }
        };
    }

    private static BiFunction<Tensor, Tensor, Tensor> choose(String who, Tensor p, Tensor t) {
        if (p.rank() < 2 || p.dim(p.rank() - 1) == 1) {
            return binary(who, 0.5f);
        }
        return p.sameShape(t) ? categorical(who) : sparseCategorical(who);
    }

    private static Tensor same(int[] predicted, int[] actual) {
        float[] hits = new float[predicted.length];
        for (int i = 0; i < hits.length; i++) {
            hits[i] = predicted[i] == actual[i] ? 1f : 0f;
        }
        return Tensor.vector(hits);
    }
}
