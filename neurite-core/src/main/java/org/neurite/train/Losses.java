package org.neurite.train;

/**
 * Keras' losses, by factory or by Keras name. Each averages over the batch (Keras'
 * {@code sum_over_batch_size}); the formulas are on the classes returned.
 *
 * <pre>{@code
 * Loss loss = Losses.sparseCategoricalCrossentropy();      // after a softmax layer: uses its logits
 * Loss same = Losses.byName("sparse_categorical_crossentropy");
 * Loss raw = Losses.binaryCrossentropy(true);              // the model outputs logits
 * }</pre>
 */
public final class Losses {
    /** Keras' names, each with the factory that carries Keras' defaults: the one list of both. */
    private static final java.util.Map<String, java.util.function.Supplier<Loss>> BY_NAME = java.util.Map.of(
            "mse", Losses::meanSquaredError,
            "mean_squared_error", Losses::meanSquaredError,
            "mae", Losses::meanAbsoluteError,
            "mean_absolute_error", Losses::meanAbsoluteError,
            "huber", Losses::huber,
            "binary_crossentropy", Losses::binaryCrossentropy,
            "categorical_crossentropy", Losses::categoricalCrossentropy,
            "sparse_categorical_crossentropy", Losses::sparseCategoricalCrossentropy);

    private Losses() {
    }

    /** {@code mean((p - t)²)}: see {@link MeanSquaredError}. */
    public static Loss meanSquaredError() {
        return new MeanSquaredError();
    }

    /** {@code mean(|p - t|)}: see {@link MeanAbsoluteError}. */
    public static Loss meanAbsoluteError() {
        return new MeanAbsoluteError();
    }

    /** Huber with Keras' default {@code delta = 1}: see {@link Huber}. */
    public static Loss huber() {
        return huber(1f);
    }

    public static Loss huber(float delta) {
        return new Huber(delta);
    }

    /** Binary cross-entropy of probabilities: see {@link BinaryCrossentropy}. */
    public static Loss binaryCrossentropy() {
        return binaryCrossentropy(false);
    }

    public static Loss binaryCrossentropy(boolean fromLogits) {
        return new BinaryCrossentropy(fromLogits);
    }

    /** Categorical cross-entropy of probabilities against one-hot targets: see {@link CategoricalCrossentropy}. */
    public static Loss categoricalCrossentropy() {
        return categoricalCrossentropy(false);
    }

    public static Loss categoricalCrossentropy(boolean fromLogits) {
        return new CategoricalCrossentropy(fromLogits);
    }

    /** Categorical cross-entropy of probabilities against class indices: see {@link SparseCategoricalCrossentropy}. */
    public static Loss sparseCategoricalCrossentropy() {
        return sparseCategoricalCrossentropy(false);
    }

    public static Loss sparseCategoricalCrossentropy(boolean fromLogits) {
        return new SparseCategoricalCrossentropy(fromLogits);
    }

    /**
     * The loss Keras' {@code compile(loss="...")} string names, with Keras' defaults
     * ({@code from_logits=False}, {@code delta=1}).
     */
    public static Loss byName(String name) {
        java.util.function.Supplier<Loss> factory = BY_NAME.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown loss '" + name + "'; known: " + new java.util.TreeSet<>(BY_NAME.keySet()));
        }
        return factory.get();
    }
}
