package org.neurite.spark;

import java.io.Serial;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.UUID;

/**
 * How {@link NeuriteSpark#fit} trains: the global batch size (split over the workers), epochs,
 * shuffling (the single-machine order for the model's seed), how many batches each exchange covers,
 * the number of workers, and where each epoch's checkpoint goes.
 *
 * <pre>{@code
 * SparkFitOptions options = SparkFitOptions.builder().optBatchSize(64).optEpochs(3)
 *         .optWorkers(8).optCheckpoint(Path.of("run/checkpoint.neurite")).build();
 * }</pre>
 *
 * @param batchSize samples per step over all workers together (Keras' {@code batch_size})
 * @param epochs passes over the data
 * @param shuffle whether each epoch visits the rows in the single-machine trainer's shuffled order
 * @param syncEvery batches per exchange: 1 is synchronous SGD, exactly single-machine training;
 *     k > 1 averages the gradients of k batches taken at the same weights into one step (one
 *     exchange per k batches, as a batch k times larger)
 * @param workers shards the data is split into, one task each per exchange; 0 for the number of partitions
 * @param checkpoint the file written after each epoch (weights, optimizer state, epoch), or null for a
 *     temporary one
 * @param resume whether to start from {@code checkpoint} when it exists
 * @param maxRestarts how many failed exchanges a run survives by going back to the last checkpoint
 * @param fault a deliberate task failure, for testing recovery; null in real runs
 */
public record SparkFitOptions(int batchSize, int epochs, boolean shuffle, int syncEvery, int workers,
                              Path checkpoint, boolean resume, int maxRestarts, Fault fault) {

    /** Fails one task once, at this epoch and step, in each JVM that runs it (tests of recovery). */
    public record Fault(int epoch, int step, String token) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    public SparkFitOptions {
        positive("batchSize", batchSize);
        positive("epochs", epochs);
        positive("syncEvery", syncEvery);
        if (workers < 0 || maxRestarts < 0) {
            throw new IllegalArgumentException("workers and maxRestarts must be >= 0, got " + workers + " and "
                    + maxRestarts);
        }
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder with Keras' defaults: batch 32, one epoch, shuffled; one batch per exchange. */
    public static final class Builder {
        private int batchSize = 32;
        private int epochs = 1;
        private boolean shuffle = true;
        private int syncEvery = 1;
        private int workers;
        private Path checkpoint;
        private boolean resume;
        private int maxRestarts = 3;
        private Fault fault;

        public Builder optBatchSize(int value) {
            batchSize = value;
            return this;
        }

        public Builder optEpochs(int value) {
            epochs = value;
            return this;
        }

        public Builder optShuffle(boolean value) {
            shuffle = value;
            return this;
        }

        public Builder optSyncEvery(int value) {
            syncEvery = value;
            return this;
        }

        public Builder optWorkers(int value) {
            workers = value;
            return this;
        }

        public Builder optCheckpoint(Path value) {
            checkpoint = value;
            return this;
        }

        public Builder optResume(boolean value) {
            resume = value;
            return this;
        }

        public Builder optMaxRestarts(int value) {
            maxRestarts = value;
            return this;
        }

        /** Makes one task fail once at this epoch and step (both from 0), to test recovery. */
        public Builder optFailOnceAt(int epoch, int step) {
            fault = new Fault(epoch, step, UUID.randomUUID().toString());
            return this;
        }

        public SparkFitOptions build() {
            return new SparkFitOptions(batchSize, epochs, shuffle, syncEvery, workers, checkpoint, resume,
                    maxRestarts, fault);
        }
    }
}
