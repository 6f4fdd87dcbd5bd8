package org.neurite.train;

import java.util.ArrayList;
import java.util.List;
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
 * <pre>{@code
 * FitOptions options = FitOptions.builder().batchSize(128).epochs(10).validationSplit(0.1f)
 *         .callbacks(new EarlyStopping("val_loss", 3)).build();
 * FitOptions bucketed = FitOptions.builder().batchSize(64).bucketBySequenceLength(SequencePadding.PRE).build();
 * }</pre>
 */
public record FitOptions(int batchSize, int epochs, float validationSplit, Tensor validationX,
                         Tensor validationY, boolean shuffle, List<Callback> callbacks, int initialEpoch,
                         SequencePadding bucketBySequenceLength) {
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

        public FitOptions build() {
            return new FitOptions(batchSize, epochs, validationSplit, validationX, validationY, shuffle, callbacks,
                    initialEpoch, bucketBySequenceLength);
        }
    }
}
