package org.neurite.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neurite.autograd.Autograd;
import org.neurite.autograd.GradientCheck;
import org.neurite.autograd.InferenceScope;
import org.neurite.autograd.Variable;
import org.neurite.nn.GradientChecks;
import org.neurite.nn.Network;
import org.neurite.nn.Parameter;
import org.neurite.tensor.BufferArena;
import org.neurite.tensor.Rng;
import org.neurite.tensor.SparseRows;
import org.neurite.tensor.Tensor;

/**
 * A network compiled with an optimizer, a loss and metrics: the loops behind Keras' {@code compile},
 * {@code fit}, {@code evaluate}, {@code predict} and {@code train_on_batch}. Users call them on the
 * model object ({@code org.neurite.models.Model}), which holds a trainer once compiled; callbacks
 * receive the trainer, and tools that inspect training use it directly.
 *
 * <p>Each step runs inside one {@link BufferArena} scope, so after the first steps training
 * allocates no new tensor storage. Each epoch's shuffle comes from the model's seed and the epoch
 * number alone, so a seeded run is bit-identical on the same machine and thread count, and a run
 * resumed at epoch e (with {@code initialEpoch}) shuffles exactly as an uninterrupted one.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.compile(network, new Adam(1e-3f), Losses.sparseCategoricalCrossentropy(),
 *         Metrics.accuracy());
 * History history = trainer.fit(xTrain, yTrain, FitOptions.builder().batchSize(128).epochs(10).build());
 * Map<String, Double> test = trainer.evaluate(xTest, yTest, 1000);
 * }</pre>
 *
 * <p>A model with several inputs or outputs (a functional model) takes lists, one tensor per input
 * and per output, in the model's order. Each output has its loss (one for all, or a list); training
 * minimises their sum weighted by the loss weights (Keras' {@code loss_weights}, 1 each unless
 * given), logged as {@code loss}, with each output's own unweighted loss as {@code <output>_loss}
 * (the output layer's name, as Keras logs them). Each output may have its metrics, logged as
 * {@code <output>_<metric>} ({@code class_accuracy}), and its sample weights
 * ({@link FitOptions.Builder#sampleWeights}).
 *
 * <pre>{@code
 * Trainer two = Trainer.compile(model, new Adam(1e-3f),
 *         List.of(Losses.meanSquaredError(), Losses.binaryCrossentropy()), List.of(1f, 0.5f),
 *         List.of(List.of(), List.of(Metrics.accuracy())));
 * History h = two.fit(List.of(xa, xb), List.of(yScore, yFlag), FitOptions.builder().epochs(5).build());
 * h.get("score_loss");      // the first output's loss, if its layer is named "score"
 * h.get("flag_accuracy");   // the second output's accuracy
 * }</pre>
 */
public final class Trainer {
    private final Network model;
    private final Optimizer optimizer;
    private final CompiledLoss losses;
    private final List<List<Metric>> metrics;   // per output
    private final BufferArena arena = new BufferArena();
    private boolean stopRequested;

    private Trainer(Network model, Optimizer optimizer, List<Loss> losses, List<Float> lossWeights,
                    List<List<Metric>> metrics) {
        int outputs = model.outputNames().size();
        this.losses = new CompiledLoss(losses, lossWeights, model.outputNames());
        if (metrics.size() != outputs) {
            throw new IllegalArgumentException("compile: model '" + model.name() + "' has " + outputs + " outputs "
                    + model.outputNames() + "; give its metrics as one list per output, got " + metrics.size());
        }
        for (int i = 0; i < outputs; i++) {
            losses.get(i).checkOutputShape(model.outputNames().get(i), model.outputShapeOf(i));
        }
        this.model = model;
        this.optimizer = optimizer;
        this.metrics = metrics.stream().map(List::copyOf).toList();
        model.build();
    }

    /** Keras' {@code model.compile(optimizer, loss, metrics)}; a model with several outputs uses the loss for each. */
    public static Trainer compile(Network model, Optimizer optimizer, Loss loss, Metric... metrics) {
        return compile(model, optimizer, java.util.Collections.nCopies(model.outputNames().size(), loss), metrics);
    }

    /**
     * Keras' {@code model.compile(optimizer, loss=[...])}: one loss per output, in the model's output
     * order; the metrics are for a model with one output (see the per-output form for several).
     */
    public static Trainer compile(Network model, Optimizer optimizer, List<Loss> losses, Metric... metrics) {
        int outputs = model.outputNames().size();
        if (outputs > 1 && metrics.length > 0) {
            throw new IllegalArgumentException("compile: model '" + model.name() + "' has " + outputs + " outputs "
                    + model.outputNames() + "; give its metrics as one list per output (Keras' metrics=[[...], [...]])");
        }
        List<List<Metric>> perOutput = new ArrayList<>(java.util.Collections.nCopies(outputs, List.of()));
        perOutput.set(0, List.of(metrics));
        return new Trainer(model, optimizer, losses, null, perOutput);
    }

    /**
     * Keras' {@code model.compile(optimizer, loss=[...], loss_weights=[...], metrics=[[...], ...])}:
     * per output, in the model's output order, its loss, the weight of that loss in the total
     * ({@code lossWeights} null for 1 each) and its metrics (an empty list for none), logged as
     * {@code <output>_<metric>} when the model has several outputs.
     */
    public static Trainer compile(Network model, Optimizer optimizer, List<Loss> losses, List<Float> lossWeights,
                                  List<List<Metric>> metrics) {
        return new Trainer(model, optimizer, losses, lossWeights, metrics);
    }

    public Network model() {
        return model;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** The loss of the first output (of the only one, for most models). */
    public Loss loss() {
        return losses.losses().get(0);
    }

    /** The loss of each output, in the model's output order. */
    public List<Loss> losses() {
        return losses.losses();
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
        return fit(List.of(x), List.of(y), options);
    }

    /**
     * Trains a model with several inputs or outputs: one tensor per input and per output, in the
     * model's order, all with the same number of samples. Validation data comes from
     * {@code validationSplit}; {@code validationData} and bucketing take models with one input and output.
     */
    public History fit(List<Tensor> xs, List<Tensor> ys, FitOptions options) {
        return fitRows(dense(xs), ys, options);
    }

    /**
     * Trains on sparse inputs, such as the tf-idf rows of {@code TextVectorization.transformSparse}:
     * each batch is made dense when it is used, so the whole corpus never is. The same model trained
     * on the same rows densely gets the same weights.
     *
     * <pre>{@code
     * SparseRows x = vectorizer.transformSparse(reviews);     // (25000, 20000), a few MB
     * trainer.fit(x, labels, FitOptions.builder().batchSize(128).epochs(6).build());
     * }</pre>
     */
    public History fit(SparseRows x, Tensor y, FitOptions options) {
        if (options.bucketBySequenceLength() != null) {
            throw new IllegalArgumentException("fit: bucketBySequenceLength needs sequences of token ids;"
                    + " sparse rows are features, so leave it out");
        }
        return fitRows(List.of(SampleRows.of(x)), List.of(y), options);
    }

    private History fitRows(List<SampleRows> xs, List<Tensor> ys, FitOptions options) {
        checkData("fit", xs, ys);
        if (options.validationTexts() != null) {
            throw new IllegalArgumentException("fit: validation texts need a model that reads texts (its first layer a"
                    + " TextVectorization); network '" + model.name() + "' takes tensors");
        }
        boolean single = xs.size() == 1 && ys.size() == 1;
        if (!single && (options.validationX() != null || options.bucketBySequenceLength() != null)) {
            throw new IllegalArgumentException("fit: validationData and bucketBySequenceLength take one input and one"
                    + " target tensor; for model '" + model.name() + "' use validationSplit and plain batches");
        }
        List<Tensor> weights = sampleWeights(ys, options);
        List<SampleRows> trainX = xs;
        List<Tensor> trainY = ys;
        List<SampleRows> valX = options.validationX() == null ? null : dense(List.of(options.validationX()));
        List<Tensor> valY = options.validationY() == null ? null : List.of(options.validationY());
        if (options.validationSplit() > 0f) {
            int n = xs.get(0).count();
            int split = n - (int) (n * options.validationSplit());
            trainX = ranges(xs, 0, split);
            trainY = slices(ys, 0, split);
            valX = ranges(xs, split, n);
            valY = slices(ys, split, n);
            weights = weights == null ? null : slicesOrNull(weights, 0, split);
        }
        int n = trainX.get(0).count();
        int steps = (n + options.batchSize() - 1) / options.batchSize();
        SequencePadding padding = options.bucketBySequenceLength();
        int[] lengths = padding == null ? null : padding.lengths(((SampleRows.Dense) trainX.get(0)).tensor());
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
            Map<String, Double> logs = trainEpoch(trainX, trainY, weights, batches, options, nonFiniteHandled);
            if (valX != null) {
                evaluateRows(valX, valY, options.batchSize()).forEach((k, v) -> logs.put("val_" + k, v));
            }
            for (Callback c : options.callbacks()) {
                c.onEpochEnd(this, epoch, logs);
            }
            history.record(epoch, logs);
        }
        options.callbacks().forEach(c -> c.onTrainEnd(this, history));
        return history;
    }

    /**
     * Each output's loss weight per sample, {@code (n)} (null entries for outputs without), or
     * {@code null} when no weights are set: from classWeight or sampleWeight for a model with one
     * output, from sampleWeights by output name for any model.
     */
    private List<Tensor> sampleWeights(List<Tensor> ys, FitOptions options) {
        Tensor weights = options.weightsFor(ys.get(0));
        if (weights != null && ys.size() != 1) {
            throw new IllegalArgumentException("fit: classWeight and sampleWeight take a model with one output;"
                    + " model '" + model.name() + "' has " + ys.size() + ", so give sampleWeights by output name "
                    + model.outputNames());
        }
        if (weights != null) {
            return List.of(weights);
        }
        if (options.sampleWeights() == null) {
            return null;
        }
        List<String> names = model.outputNames();
        List<Tensor> perOutput = new ArrayList<>(java.util.Collections.nCopies(names.size(), (Tensor) null));
        options.sampleWeights().forEach((name, w) -> {
            int i = names.indexOf(name);
            if (i < 0) {
                throw new IllegalArgumentException("fit: sampleWeights names output '" + name + "'; model '"
                        + model.name() + "' has outputs " + names);
            }
            int n = ys.get(i).dim(0);
            if (w.rank() != 1 || w.size() != n) {
                throw new IllegalArgumentException("fit: sampleWeights for output '" + name + "' must hold one weight"
                        + " per sample, (" + n + "), got " + org.neurite.tensor.Shapes.toString(w.shape()));
            }
            perOutput.set(i, w);
        });
        return perOutput;
    }

    /** One pass over {@code batches}; ends early when a callback stops training. */
    private Map<String, Double> trainEpoch(List<SampleRows> xs, List<Tensor> ys, List<Tensor> weights,
                                           List<int[]> batches, FitOptions options, boolean nonFiniteHandled) {
        resetMetrics();
        double[] sums = new double[losses.losses().size() + 1];
        int seen = 0;
        Map<String, Double> logs = new LinkedHashMap<>();
        for (int step = 0; step < batches.size(); step++) {
            int[] batch = batches.get(step);
            float[] batchLosses = trainStep(xs, ys, weights, batch, options.bucketBySequenceLength(),
                    nonFiniteHandled);
            for (int i = 0; i < sums.length; i++) {
                sums[i] += batchLosses[i] * batch.length;
            }
            seen += batch.length;
            logs = logs(sums, seen);
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
     * One step on the samples at {@code rows}: forward, loss, backward, update; returns the batch's
     * total loss, then each output's, weighted by {@code weights} (or not, when {@code null}). With
     * {@code trim}, the input loses the padding all its sequences
     * share. A NaN or infinite loss throws with a diagnosis, unless {@code nonFiniteHandled} (a
     * callback such as TerminateOnNaN deals with it): then the step leaves the weights as they were.
     */
    private float[] trainStep(List<SampleRows> xs, List<Tensor> ys, List<Tensor> weights, int[] rows,
                              SequencePadding trim, boolean nonFiniteHandled) {
        List<Parameter> parameters = model.parameters();
        try (BufferArena.Scope step = arena.open()) {
            List<Tensor> xb = xs.stream().map(x -> trim == null ? x.gather(rows)
                    : trim.trim(x.gather(rows), FitOptions.BUCKET_TIME_MULTIPLE)).toList();   // dense batches
            List<Tensor> yb = ys.stream().map(y -> y.gather(rows)).toList();
            parameters.forEach(Parameter::zeroGrad);
            List<Variable> predictions = model.callAll(constants(xb), true);
            List<Tensor> wb = weights == null ? null
                    : weights.stream().map(w -> w == null ? null : w.gather(rows)).toList();
            Variable[] outputLosses = losses.compute(predictions, yb, wb);
            Variable total = withPenalties(losses.total(outputLosses), parameters);
            float[] values = CompiledLoss.values(total, outputLosses);
            if (!Float.isFinite(values[0])) {
                if (nonFiniteHandled) {
                    return values;
                }
                throw NonFiniteLoss.diagnose(model, xb, values[0]);
            }
            total.backward();
            optimizer.apply(parameters);
            updateMetrics(predictions, yb);
            return values;
        }
    }

    private void updateMetrics(List<Variable> predictions, List<Tensor> targets) {
        for (int i = 0; i < metrics.size(); i++) {
            for (Metric m : metrics.get(i)) {
                m.update(predictions.get(i).value(), targets.get(i));
            }
        }
    }

    private void resetMetrics() {
        metrics.forEach(list -> list.forEach(Metric::reset));
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

    /**
     * Checks the gradients of the training objective (the summed losses plus weight penalties) on
     * {@code (x, y)} against finite differences, weight by weight: see {@link GradientChecks}. The
     * model runs in inference mode, so dropout is off.
     *
     * <pre>{@code
     * GradientCheck.Result r = trainer.checkGradients(x.slice(0, 8), y.slice(0, 8));
     * System.out.println(r);   // max error .. at dense_1.kernel, element ..
     * }</pre>
     */
    public GradientCheck.Result checkGradients(Tensor x, Tensor y) {
        checkData("checkGradients", dense(List.of(x)), List.of(y));
        List<Parameter> parameters = model.parameters();
        return GradientChecks.checkWeights(parameters, () -> withPenalties(losses.total(
                losses.compute(model.callAll(List.of(Variable.constant(x)), false), List.of(y))), parameters));
    }

    /** Keras' {@code train_on_batch}: one step on exactly these samples; returns the logs. */
    public Map<String, Double> trainOnBatch(Tensor x, Tensor y) {
        return trainOnBatch(List.of(x), List.of(y));
    }

    /** {@link #trainOnBatch(Tensor, Tensor)} for a model with several inputs or outputs. */
    public Map<String, Double> trainOnBatch(List<Tensor> xs, List<Tensor> ys) {
        checkData("trainOnBatch", dense(xs), ys);
        resetMetrics();
        int[] rows = new int[xs.get(0).dim(0)];
        java.util.Arrays.setAll(rows, i -> i);
        float[] values = trainStep(dense(xs), ys, null, rows, null, false);
        double[] sums = new double[values.length];
        java.util.Arrays.setAll(sums, i -> values[i]);
        return logs(sums, 1);
    }

    /** The loss and metrics over {@code (x, y)}, computed in batches with no tape. */
    public Map<String, Double> evaluate(Tensor x, Tensor y, int batchSize) {
        return evaluate(List.of(x), List.of(y), batchSize);
    }

    /** {@link #evaluate(Tensor, Tensor, int)} for a model with several inputs or outputs. */
    public Map<String, Double> evaluate(List<Tensor> xs, List<Tensor> ys, int batchSize) {
        return evaluateRows(dense(xs), ys, batchSize);
    }

    /** {@link #evaluate(Tensor, Tensor, int)} on sparse inputs, made dense a batch at a time. */
    public Map<String, Double> evaluate(SparseRows x, Tensor y, int batchSize) {
        return evaluateRows(List.of(SampleRows.of(x)), List.of(y), batchSize);
    }

    private Map<String, Double> evaluateRows(List<SampleRows> xs, List<Tensor> ys, int batchSize) {
        checkData("evaluate", xs, ys);
        resetMetrics();
        double[] sums = new double[losses.losses().size() + 1];
        int n = xs.get(0).count();
        try (Autograd.Scope noGrad = Autograd.noGrad()) {
            for (int start = 0; start < n; start += batchSize) {
                int end = Math.min(n, start + batchSize);
                try (BufferArena.Scope step = arena.open()) {
                    List<Tensor> yb = slices(ys, start, end);
                    List<Variable> predictions = model.callAll(constants(rowSlices(xs, start, end)), false);
                    Variable[] outputLosses = losses.compute(predictions, yb);
                    float[] values = CompiledLoss.values(losses.total(outputLosses), outputLosses);
                    for (int i = 0; i < sums.length; i++) {
                        sums[i] += values[i] * (end - start);
                    }
                    updateMetrics(predictions, yb);
                }
            }
        }
        return logs(sums, Math.max(1, n));
    }

    /**
     * The confusion matrix of the model's predictions for {@code x} against the targets {@code y},
     * computed in batches with no tape: the table behind {@code evaluate}'s accuracy. The classes are
     * the predictions' last axis, or 2 for one score per sample (see {@link ConfusionMatrix}).
     *
     * <pre>{@code
     * ConfusionMatrix cm = trainer.confusionMatrix(xTest, yTest, 1000);
     * System.out.println(cm);   // rows: true digit, columns: predicted digit
     * }</pre>
     */
    public ConfusionMatrix confusionMatrix(Tensor x, Tensor y, int batchSize) {
        checkData("confusionMatrix", dense(List.of(x)), List.of(y));
        return confusionMatrixOf(predict(x, batchSize), y);
    }

    private static ConfusionMatrix confusionMatrixOf(Tensor predictions, Tensor y) {
        int last = predictions.dim(predictions.rank() - 1);
        ConfusionMatrix matrix = new ConfusionMatrix(predictions.rank() < 2 || last == 1 ? 2 : last);
        matrix.update(predictions, y);
        return matrix;
    }

    /** {@link #confusionMatrix(Tensor, Tensor, int)} on sparse inputs, made dense a batch at a time. */
    public ConfusionMatrix confusionMatrix(SparseRows x, Tensor y, int batchSize) {
        checkData("confusionMatrix", List.of(SampleRows.of(x)), List.of(y));
        return confusionMatrixOf(predict(x, batchSize), y);
    }

    /** The model's output for {@code x}, computed in batches with no tape; for models with one input and output. */
    public Tensor predict(Tensor x, int batchSize) {
        List<Tensor> outputs = predict(List.of(x), batchSize);
        if (outputs.size() != 1) {
            throw new IllegalArgumentException("predict: model '" + model.name() + "' has " + outputs.size()
                    + " outputs; pass a list of inputs to get them all");
        }
        return outputs.get(0);
    }

    /** {@link #predict(Tensor, int)} on sparse inputs, made dense a batch at a time. */
    public Tensor predict(SparseRows x, int batchSize) {
        return predictRows(List.of(SampleRows.of(x)), batchSize).get(0);
    }

    /** Every output of the model for these inputs (one tensor per input), computed in batches with no tape. */
    public List<Tensor> predict(List<Tensor> xs, int batchSize) {
        return predictRows(dense(xs), batchSize);
    }

    private List<Tensor> predictRows(List<SampleRows> xs, int batchSize) {
        int n = xs.get(0).count();
        Tensor[] outputs = null;
        try (InferenceScope scope = InferenceScope.open(n); Autograd.Scope noGrad = Autograd.noGrad()) {
            for (int start = 0; start < n; start += batchSize) {
                int end = Math.min(n, start + batchSize);
                try (BufferArena.Scope step = arena.open()) {
                    List<Variable> batch = model.callAll(constants(rowSlices(xs, start, end)), false);
                    if (outputs == null) {
                        outputs = allocate(batch, n);
                    }
                    for (int i = 0; i < outputs.length; i++) {
                        outputs[i].slice(start, end).copyFrom(batch.get(i).value());
                    }
                }
            }
        }
        return List.of(outputs);
    }

    /** Tensors outside the arena shaped like {@code batch}'s values but holding {@code n} samples. */
    private static Tensor[] allocate(List<Variable> batch, int n) {
        Tensor[] outputs = new Tensor[batch.size()];
        for (int i = 0; i < outputs.length; i++) {
            int[] shape = batch.get(i).shape();
            shape[0] = n;
            outputs[i] = BufferArena.detached(() -> Tensor.empty(shape));
        }
        return outputs;
    }

    /** The logs for summed losses ({@code sums}: the total, then each output's) over {@code count} samples. */
    private Map<String, Double> logs(double[] sums, int count) {
        Map<String, Double> logs = new LinkedHashMap<>();
        losses.log(sums, count, logs);
        boolean prefixed = metrics.size() > 1;   // Keras names a metric after its output when there are several
        for (int i = 0; i < metrics.size(); i++) {
            for (Metric m : metrics.get(i)) {
                logs.put(prefixed ? model.outputNames().get(i) + "_" + m.name() : m.name(), m.result());
            }
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

    /** Refuses data that does not fit the model: one tensor per input and output, one sample count. */
    private void checkData(String op, List<SampleRows> xs, List<Tensor> ys) {
        int inputs = model.inputShapes().size();
        int outputs = losses.losses().size();
        if (xs.size() != inputs || ys.size() != outputs) {
            throw new IllegalArgumentException(op + ": model '" + model.name() + "' takes " + inputs + " inputs and "
                    + outputs + " targets, got " + xs.size() + " and " + ys.size());
        }
        int n = xs.get(0).count();
        for (int i = 1; i < xs.size(); i++) {
            if (xs.get(i).count() != n) {
                throw new IllegalArgumentException(op + ": model '" + model.name() + "' got " + n
                        + " samples in input 0 but " + xs.get(i).count() + " in input " + i
                        + "; every input and target needs one row per sample");
            }
        }
        for (int i = 0; i < ys.size(); i++) {
            if (ys.get(i).dim(0) != n) {
                throw new IllegalArgumentException(op + ": model '" + model.name() + "' got " + n
                        + " samples in its input but " + ys.get(i).dim(0) + " targets for output '"
                        + model.outputNames().get(i) + "'; every input and target needs one row per sample");
            }
        }
    }

    private static List<Tensor> slices(List<Tensor> tensors, int start, int end) {
        return tensors.stream().map(t -> t.slice(start, end)).toList();
    }

    private static List<Tensor> rowSlices(List<SampleRows> rows, int start, int end) {
        return rows.stream().map(r -> r.slice(start, end)).toList();
    }

    private static List<SampleRows> ranges(List<SampleRows> rows, int start, int end) {
        return rows.stream().map(r -> r.range(start, end)).toList();
    }

    private static List<Tensor> slicesOrNull(List<Tensor> tensors, int start, int end) {
        return tensors.stream().map(t -> t == null ? null : t.slice(start, end)).toList();
    }

    private static List<SampleRows> dense(List<Tensor> tensors) {
        return tensors.stream().map(SampleRows::of).toList();
    }

    private static List<Variable> constants(List<Tensor> tensors) {
        return tensors.stream().map(Variable::constant).toList();
    }

    /** The metrics of every output, in output order. */
    List<Metric> metrics() {
        return metrics.stream().flatMap(List::stream).toList();
    }
}
