package org.neurite.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neurite.autograd.Autograd;
import org.neurite.autograd.Variable;
import org.neurite.nn.Model;
import org.neurite.nn.Parameter;
import org.neurite.tensor.BufferArena;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;

/**
 * A model compiled with an optimizer, a loss and metrics: Keras' {@code compile}, {@code fit},
 * {@code evaluate}, {@code predict} and {@code train_on_batch}.
 *
 * <p>Each step runs inside one {@link BufferArena} scope, so after the first steps training
 * allocates no new tensor storage. Each epoch's shuffle comes from the model's seed and the epoch
 * number alone, so a seeded run is bit-identical on the same machine and thread count, and a run
 * resumed at epoch e (with {@code initialEpoch}) shuffles exactly as an uninterrupted one.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.compile(model, new Adam(1e-3f), Losses.sparseCategoricalCrossentropy(),
 *         Metrics.accuracy());
 * History history = trainer.fit(xTrain, yTrain, FitOptions.builder().batchSize(128).epochs(10).build());
 * Map<String, Double> test = trainer.evaluate(xTest, yTest, 1000);
 * }</pre>
 */
public final class Trainer {
    private final Model model;
    private final Optimizer optimizer;
    private final Loss loss;
    private final List<Metric> metrics;
    private final BufferArena arena = new BufferArena();
    private boolean stopRequested;

    private Trainer(Model model, Optimizer optimizer, Loss loss, List<Metric> metrics) {
        this.model = model;
        this.optimizer = optimizer;
        this.loss = loss;
        this.metrics = List.copyOf(metrics);
        model.build();
    }

    /** Keras' {@code model.compile(optimizer, loss, metrics)}. */
    public static Trainer compile(Model model, Optimizer optimizer, Loss loss, Metric... metrics) {
        return new Trainer(model, optimizer, loss, List.of(metrics));
    }

    public Model model() {
        return model;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    public Loss loss() {
        return loss;
    }

    /**
     * Asks {@link #fit} to stop after the current batch, as Keras' {@code model.stop_training}: the
     * epoch then ends as usual (validation, {@code onEpochEnd}) and no further epoch starts. Called
     * by EarlyStopping at the end of an epoch, by TerminateOnNaN after a batch.
     */
    public void stopTraining() {
        stopRequested = true;
    }

    /** Trains for {@code options.epochs()} epochs over {@code (x, y)}; the first axis is the sample. */
    public History fit(Tensor x, Tensor y, FitOptions options) {
        checkSameCount("fit", x, y);
        Tensor trainX = x;
        Tensor trainY = y;
        Tensor valX = options.validationX();
        Tensor valY = options.validationY();
        if (options.validationSplit() > 0f) {
            int n = x.dim(0);
            int split = n - (int) (n * options.validationSplit());
            trainX = x.slice(0, split);
            trainY = y.slice(0, split);
            valX = x.slice(split, n);
            valY = y.slice(split, n);
        }
        int n = trainX.dim(0);
        int steps = (n + options.batchSize() - 1) / options.batchSize();
        SequencePadding padding = options.bucketBySequenceLength();
        int[] lengths = padding == null ? null : padding.lengths(trainX);
        History history = new History();
        stopRequested = false;
        boolean nonFiniteHandled = options.callbacks().stream().anyMatch(Callback::handlesNonFiniteLoss);
        options.callbacks().forEach(c -> c.onTrainBegin(this, options, steps));
        for (int epoch = options.initialEpoch(); epoch < options.epochs() && !stopRequested; epoch++) {
            for (Callback c : options.callbacks()) {
                c.onEpochBegin(this, epoch);
            }
            Rng shuffler = shufflerForEpoch(epoch);
            List<int[]> batches = lengths == null
                    ? batches(order(n, options.shuffle(), shuffler), options.batchSize())
                    : LengthBuckets.batches(lengths, options.batchSize(), shuffler);
            Map<String, Double> logs = trainEpoch(trainX, trainY, batches, options, nonFiniteHandled);
            if (valX != null) {
                evaluate(valX, valY, options.batchSize()).forEach((k, v) -> logs.put("val_" + k, v));
            }
            for (Callback c : options.callbacks()) {
                c.onEpochEnd(this, epoch, logs);
            }
            history.record(logs);
        }
        options.callbacks().forEach(c -> c.onTrainEnd(this, history));
        return history;
    }

    /** One pass over {@code batches}; ends early when a callback stops training. */
    private Map<String, Double> trainEpoch(Tensor x, Tensor y, List<int[]> batches, FitOptions options,
                                           boolean nonFiniteHandled) {
        metrics.forEach(Metric::reset);
        double lossSum = 0;
        int seen = 0;
        Map<String, Double> logs = new LinkedHashMap<>();
        for (int step = 0; step < batches.size(); step++) {
            int[] batch = batches.get(step);
            lossSum += trainStep(x, y, batch, options.bucketBySequenceLength(), nonFiniteHandled) * batch.length;
            seen += batch.length;
            logs = logs(lossSum / seen);
            for (Callback c : options.callbacks()) {
                c.onBatchEnd(this, step, logs);
            }
            if (stopRequested) {
                break;
            }
        }
        return logs;
    }

    /**
     * One step on the samples at {@code rows}: forward, loss, backward, update; returns the batch loss.
     * With {@code trim}, the inputs lose the padding all their sequences share. A NaN or infinite loss
     * throws with a diagnosis, unless {@code nonFiniteHandled} (a callback such as TerminateOnNaN deals
     * with it): then the step leaves the weights as they were and returns it.
     */
    private float trainStep(Tensor x, Tensor y, int[] rows, SequencePadding trim, boolean nonFiniteHandled) {
        List<Parameter> parameters = model.parameters();
        try (BufferArena.Scope step = arena.open()) {
            Tensor xb = trim == null ? x.gather(rows) : trim.trim(x.gather(rows), FitOptions.BUCKET_TIME_MULTIPLE);
            Tensor yb = y.gather(rows);
            parameters.forEach(Parameter::zeroGrad);
            Variable predictions = model.call(Variable.constant(xb), true);
            Variable value = withPenalties(loss.compute(predictions, yb), parameters);
            float batchLoss = value.value().item();
            if (!Float.isFinite(batchLoss)) {
                if (nonFiniteHandled) {
                    return batchLoss;
                }
                throw NonFiniteLoss.diagnose(model, xb, batchLoss);
            }
            value.backward();
            optimizer.apply(parameters);
            for (Metric m : metrics) {
                m.update(predictions.value(), yb);
            }
            return batchLoss;
        }
    }

    private static Variable withPenalties(Variable value, List<Parameter> parameters) {
        Variable total = value;
        for (Parameter p : parameters) {
            if (p.regularizer() != null) {
                total = total.add(p.regularizer().penalty(p.variable()));
            }
        }
        return total;
    }

    /** Keras' {@code train_on_batch}: one step on exactly these samples; returns the logs. */
    public Map<String, Double> trainOnBatch(Tensor x, Tensor y) {
        checkSameCount("trainOnBatch", x, y);
        metrics.forEach(Metric::reset);
        int[] rows = new int[x.dim(0)];
        java.util.Arrays.setAll(rows, i -> i);
        return logs(trainStep(x, y, rows, null, false));
    }

    /** The loss and metrics over {@code (x, y)}, computed in batches with no tape. */
    public Map<String, Double> evaluate(Tensor x, Tensor y, int batchSize) {
        checkSameCount("evaluate", x, y);
        metrics.forEach(Metric::reset);
        double lossSum = 0;
        int n = x.dim(0);
        try (Autograd.Scope noGrad = Autograd.noGrad()) {
            for (int start = 0; start < n; start += batchSize) {
                int end = Math.min(n, start + batchSize);
                try (BufferArena.Scope step = arena.open()) {
                    Tensor yb = y.slice(start, end);
                    Variable predictions = model.call(Variable.constant(x.slice(start, end)), false);
                    lossSum += loss.compute(predictions, yb).value().item() * (end - start);
                    for (Metric m : metrics) {
                        m.update(predictions.value(), yb);
                    }
                }
            }
        }
        return logs(lossSum / Math.max(1, n));
    }

    /** The model's outputs for {@code x}, computed in batches with no tape. */
    public Tensor predict(Tensor x, int batchSize) {
        int n = x.dim(0);
        Tensor out = null;
        try (Autograd.Scope noGrad = Autograd.noGrad()) {
            for (int start = 0; start < n; start += batchSize) {
                int end = Math.min(n, start + batchSize);
                try (BufferArena.Scope step = arena.open()) {
                    Tensor batch = model.call(Variable.constant(x.slice(start, end)), false).value();
                    if (out == null) {
                        int[] shape = batch.shape();
                        shape[0] = n;
                        out = BufferArena.detached(() -> Tensor.empty(shape));
                    }
                    out.slice(start, end).copyFrom(batch);
                }
            }
        }
        return out;
    }

    private Map<String, Double> logs(double lossValue) {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", lossValue);
        for (Metric m : metrics) {
            logs.put(m.name(), m.result());
        }
        return logs;
    }

    /** The generator that shuffles epoch {@code epoch}: the epoch-th split of one seeded from the model's seed. */
    private Rng shufflerForEpoch(int epoch) {
        Rng root = new Rng(model.seed() ^ 0x5DEECE66DL);
        Rng shuffler = root.split();
        for (int e = 0; e < epoch; e++) {
            shuffler = root.split();
        }
        return shuffler;
    }

    private static int[] order(int n, boolean shuffle, Rng rng) {
        int[] order = new int[n];
        java.util.Arrays.setAll(order, i -> i);
        if (shuffle) {
            rng.shuffle(order);
        }
        return order;
    }

    private static List<int[]> batches(int[] order, int batchSize) {
        List<int[]> batches = new ArrayList<>();
        for (int start = 0; start < order.length; start += batchSize) {
            batches.add(java.util.Arrays.copyOfRange(order, start, Math.min(order.length, start + batchSize)));
        }
        return batches;
    }

    private static void checkSameCount(String op, Tensor x, Tensor y) {
        if (x.dim(0) != y.dim(0)) {
            throw new IllegalArgumentException(op + ": " + x.dim(0) + " inputs but " + y.dim(0) + " targets");
        }
    }

    List<Metric> metrics() {
        return new ArrayList<>(metrics);
    }
}
