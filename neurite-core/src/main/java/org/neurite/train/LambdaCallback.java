package org.neurite.train;

import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * A callback made from lambdas, as Keras' {@code LambdaCallback}; each hook is optional.
 *
 * <pre>{@code
 * Callback print = LambdaCallback.builder()
 *         .onEpochEnd((epoch, logs) -> System.out.println(epoch + ": " + logs.get("loss")))
 *         .onTrainEnd(history -> System.out.println(history.epochs() + " epochs"))
 *         .build();
 * }</pre>
 */
public final class LambdaCallback implements Callback {
    /** A hook given an epoch or batch index and the logs. */
    @FunctionalInterface
    public interface IndexedLogs {
        void accept(int index, Map<String, Double> logs);
    }

    private final Runnable onTrainBegin;
    private final IntConsumer onEpochBegin;
    private final IndexedLogs onBatchEnd;
    private final IndexedLogs onEpochEnd;
    private final Consumer<History> onTrainEnd;

    private LambdaCallback(Builder b) {
        this.onTrainBegin = b.onTrainBegin;
        this.onEpochBegin = b.onEpochBegin;
        this.onBatchEnd = b.onBatchEnd;
        this.onEpochEnd = b.onEpochEnd;
        this.onTrainEnd = b.onTrainEnd;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void onTrainBegin(Trainer trainer, FitOptions options, int stepsPerEpoch) {
        onTrainBegin.run();
    }

    @Override
    public void onEpochBegin(Trainer trainer, int epoch) {
        onEpochBegin.accept(epoch);
    }

    @Override
    public void onBatchEnd(Trainer trainer, int step, Map<String, Double> logs) {
        onBatchEnd.accept(step, logs);
    }

    @Override
    public void onEpochEnd(Trainer trainer, int epoch, Map<String, Double> logs) {
        onEpochEnd.accept(epoch, logs);
    }

    @Override
    public void onTrainEnd(Trainer trainer, History history) {
        onTrainEnd.accept(history);
    }

    /** Builds a {@link LambdaCallback}; hooks left unset do nothing. */
    public static final class Builder {
        private Runnable onTrainBegin = () -> { };
        private IntConsumer onEpochBegin = epoch -> { };
        private IndexedLogs onBatchEnd = (step, logs) -> { };
        private IndexedLogs onEpochEnd = (epoch, logs) -> { };
        private Consumer<History> onTrainEnd = history -> { };

        public Builder onTrainBegin(Runnable hook) {
            this.onTrainBegin = hook;
            return this;
        }

        public Builder onEpochBegin(IntConsumer hook) {
            this.onEpochBegin = hook;
            return this;
        }

        /** Called after each batch with its index in the epoch and the epoch's running logs. */
        public Builder onBatchEnd(IndexedLogs hook) {
            this.onBatchEnd = hook;
            return this;
        }

        public Builder onEpochEnd(IndexedLogs hook) {
            this.onEpochEnd = hook;
            return this;
        }

        public Builder onTrainEnd(Consumer<History> hook) {
            this.onTrainEnd = hook;
            return this;
        }

        public LambdaCallback build() {
            return new LambdaCallback(this);
        }
    }
}
