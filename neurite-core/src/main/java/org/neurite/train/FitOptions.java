package org.neurite.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neurite.tensor.Tensor;

/**
 * The arguments of {@link Trainer#fit}, with Keras' defaults: batch size 32, 1 epoch, shuffling
 * on, no validation. {@code validationSplit} takes the last fraction of the data, before shuffling,
 * as Keras does.
 *
 * <p>{@code bucketBySequenceLength} (off by default) is for sequence inputs {@code (n, time, ...)}
 * padded with zeros on the given side: each epoch's batches group sequences of similar length
 * ({@link LengthBuckets}, which draws its own random batches whatever {@code shuffle} says), and
 * each batch's inputs are cut to its longest sequence, rounded up to a multiple of
 * {@value #BUCKET_TIME_MULTIPLE} steps ({@link SequencePadding#trim}); targets are not cut. The
 * model must accept any input length ({@code Input.of(-1)}) and should mask its padding
 * ({@code Embedding} with mask_zero, {@code Masking}), which makes the results those of untrimmed
 * batches.
 *
 * <p>{@code classWeight} and {@code sampleWeight} (either, not both, as in Keras; models with one
 * output) weight each training sample's loss: the batch loss becomes {@code Σ_i w_i·l_i / batch}
 * ({@link Loss}), where {@code w_i} is the weight of sample i's class ({@link SampleWeights}) or
 * the i-th sample weight. Validation losses stay unweighted.
 *
 * <pre>{@code
 * FitOptions options = FitOptions.builder().batchSize(128).epochs(10).validationSplit(0.1f)
 *         .callbacks(new EarlyStopping("val_loss", 3)).build();
 * FitOptions bucketed = FitOptions.builder().batchSize(64).bucketBySequenceLength(SequencePadding.PRE).build();
 * FitOptions imbalanced = FitOptions.builder().classWeight(Map.of(0, 1f, 1, 9f)).build();   // positives 9x
 * }</pre>
 */
public record FitOptions(int batchSize, int epochs, float validationSplit, Tensor validationX,
                         Tensor validationY, boolean shuffle, List<Callback> callbacks, int initialEpoch,
                         SequencePadding bucketBySequenceLength, Map<Integer, Float> classWeight,
                         Tensor sampleWeight, List<String> validationTexts) {
    /** Bucketed batches are cut to a multiple of this many steps, so few distinct shapes reach the buffer arena. */
    public static final int BUCKET_TIME_MULTIPLE = 8;

    public FitOptions {
        if (batchSize <= 0 || epochs < 0) {
            throw new IllegalArgumentException("fit: batch size must be positive and epochs not negative, got "
                    + batchSize + " and " + epochs);
        }
        if (!(validationSplit >= 0f && validationSplit < 1f)) {
            throw new IllegalArgumentException("fit: validationSplit must be in [0, 1), got " + validationSplit);
        }
        callbacks = List.copyOf(callbacks);
        if (classWeight != null && sampleWeight != null) {
            throw new IllegalArgumentException("fit: give classWeight or sampleWeight, not both");
        }
        classWeight = classWeight == null ? null : Map.copyOf(classWeight);
        validationTexts = validationTexts == null ? null : List.copyOf(validationTexts);
    }

    /**
     * These options with {@code (x, y)} as validation data in place of validation texts: how a model
     * that reads texts hands its vectorized validation texts to the training loop.
     */
    public FitOptions withValidationData(Tensor x, Tensor y) {
        return new FitOptions(batchSize, epochs, validationSplit, x, y, shuffle, callbacks, initialEpoch,
                bucketBySequenceLength, classWeight, sampleWeight, null);
    }

    /**
     * One loss weight per sample of {@code y}, {@code (n)}, from {@code classWeight} or
     * {@code sampleWeight}; {@code null} when neither is set.
     */
    Tensor weightsFor(Tensor y) {
        if (classWeight != null) {
            return SampleWeights.fromClassWeights(classWeight, y);
        }
        if (sampleWeight != null && (sampleWeight.size() != y.dim(0) || sampleWeight.rank() != 1)) {
            throw new IllegalArgumentException("fit: sampleWeight " + org.neurite.tensor.Shapes.toString(
                    sampleWeight.shape()) + " must hold one weight per sample, (" + y.dim(0) + ")");
        }
        return sampleWeight;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link FitOptions}; every setting is optional. */
    public static final class Builder {
        private int batchSize = 32;
        private int epochs = 1;
        private float validationSplit;
        private Tensor validationX;
        private Tensor validationY;
        private boolean shuffle = true;
        private final List<Callback> callbacks = new ArrayList<>();
        private int initialEpoch;
        private SequencePadding bucketBySequenceLength;
        private Map<Integer, Float> classWeight;
        private Tensor sampleWeight;
        private List<String> validationTexts;

        public Builder batchSize(int value) {
            this.batchSize = value;
            return this;
        }

        public Builder epochs(int value) {
            this.epochs = value;
            return this;
        }

        public Builder validationSplit(float value) {
            this.validationSplit = value;
            return this;
        }

        public Builder validationData(Tensor x, Tensor y) {
            this.validationX = x;
            this.validationY = y;
            this.validationTexts = null;
            return this;
        }

        /**
         * Raw validation texts with their labels, for a model that reads texts (its first layer a
         * TextVectorization): Keras' {@code validation_data=(texts, labels)}.
         */
        public Builder validationData(List<String> texts, Tensor y) {
            this.validationTexts = texts;
            this.validationY = y;
            this.validationX = null;
            return this;
        }

        public Builder shuffle(boolean value) {
            this.shuffle = value;
            return this;
        }

        public Builder callbacks(Callback... values) {
            this.callbacks.addAll(List.of(values));
            return this;
        }

        /** The epoch to start counting from, when resuming training from a checkpoint. */
        public Builder initialEpoch(int value) {
            this.initialEpoch = value;
            return this;
        }

        /** Batches sequences of similar length, padded on the given side, and trims them (see the class comment). */
        public Builder bucketBySequenceLength(SequencePadding padding) {
            this.bucketBySequenceLength = padding;
            return this;
        }

        /** Keras' {@code class_weight}: each sample's loss times its class's weight; missing classes weigh 1. */
        public Builder classWeight(Map<Integer, Float> value) {
            this.classWeight = value;
            return this;
        }

        /** Keras' {@code sample_weight}: one loss weight per training sample, {@code (n)}. */
        public Builder sampleWeight(Tensor value) {
            this.sampleWeight = value;
            return this;
        }

        public FitOptions build() {
            return new FitOptions(batchSize, epochs, validationSplit, validationX, validationY, shuffle, callbacks,
                    initialEpoch, bucketBySequenceLength, classWeight, sampleWeight, validationTexts);
        }
    }
}
