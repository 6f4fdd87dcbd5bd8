package org.neurite.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.neurite.io.LoadedModel;
import org.neurite.io.ModelFile;
import org.neurite.models.Model;
import org.neurite.nn.Parameter;
import org.neurite.tensor.Tensor;
import scala.Tuple2;

/**
 * Synchronous data-parallel training on Spark. The driver holds the model and its optimizer; each
 * exchange broadcasts the weights, every worker computes the gradient of its rows of the next
 * {@code syncEvery} batches ({@link WorkerGradient}), Spark sums the gradients in a tree, and the
 * driver takes one optimizer step ({@link DriverStep}). With {@code syncEvery = 1} this is the
 * single-machine {@code fit} with the same global batch and order, up to float rounding.
 *
 * <p>After each epoch the model, its optimizer state and the epoch go to a checkpoint file; an
 * exchange whose Spark job fails (a task out of retries, a lost executor) sends the run back to the
 * last checkpoint, at most {@code maxRestarts} times, instead of to the start.
 */
final class DataParallelTrainer {
    static final String EPOCH_KEY = "spark_epochs_done";

    private final SparkSession spark;
    private final Model model;
    private final SparkFitOptions options;
    private final String lossName;

    DataParallelTrainer(SparkSession spark, Model model, SparkFitOptions options) {
        this.spark = spark;
        this.model = model;
        this.options = options;
        model.vectorizer().orElseThrow(() -> new IllegalArgumentException("fit: model '" + model.name()
                + "' has no TextVectorization; NeuriteSpark.fit trains text models on a text column"));
        if (model.trainer().losses().size() != 1) {
            throw new IllegalArgumentException("fit: model '" + model.name() + "' has "
                    + model.trainer().losses().size() + " outputs; NeuriteSpark.fit trains single-output models");
        }
        this.lossName = model.trainer().loss().name();
    }

    SparkFitResult fit(Dataset<Row> data, String textColumn, String labelColumn) {
        int text = TextColumn.stringColumn(data.schema(), textColumn);
        int label = TextColumn.numericColumn(data.schema(), labelColumn, "label");
        int workers = options.workers() > 0 ? options.workers() : data.javaRDD().getNumPartitions();
        JavaRDD<Shard> shards = shards(data, text, label, textColumn, labelColumn, Math.max(1, workers));
        try {
            int rows = Math.toIntExact(shards.map(Shard::size).fold(0, Integer::sum));
            if (rows == 0) {
                throw new IllegalArgumentException("fit: the DataFrame has no rows");
            }
            return train(shards, rows, checkpointFile());
        } finally {
            shards.unpersist(false);
        }
    }

    private static JavaRDD<Shard> shards(Dataset<Row> data, int text, int label, String textColumn,
                                         String labelColumn, int workers) {
        return data.javaRDD().zipWithIndex()
                .mapToPair(pair -> new Tuple2<>(pair._2(), labelled(pair._1(), text, label, textColumn, labelColumn,
                        pair._2())))
                .partitionBy(new ModuloPartitioner(workers))
                .mapPartitions(part -> List.of(Shard.of(part)).iterator())
                .persist(StorageLevel.MEMORY_AND_DISK());
    }

    private static Shard.LabelledText labelled(Row row, int text, int label, String textColumn, String labelColumn,
                                               long index) {
        if (row.isNullAt(text) || row.isNullAt(label)) {
            throw new IllegalArgumentException("row " + index + ": " + (row.isNullAt(text) ? "text column '" + textColumn
                    : "label column '" + labelColumn) + "' is null; training needs a text and a label in every row");
        }
        return new Shard.LabelledText(row.getString(text), ((Number) row.get(label)).floatValue());
    }

    private Path checkpointFile() {
        if (options.checkpoint() != null) {
            return options.checkpoint();
        }
        try {
            Path temp = Files.createTempFile("neurite-spark-checkpoint-", ".neurite");
            temp.toFile().deleteOnExit();
            return temp;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary checkpoint file: " + e.getMessage(), e);
        }
    }

    private SparkFitResult train(JavaRDD<Shard> shards, int rows, Path checkpoint) {
        // Creates the optimizer's slots now, at their initial values, so that even the first checkpoint
        // holds them and a restart in the first epoch resets them too.
        model.optimizer().loadState(model.network().parameters(), Map.of());
        int epoch = options.resume() && Files.exists(checkpoint) ? restore(checkpoint) : save(checkpoint, 0);
        int firstEpoch = epoch;
        ModelBroadcast architecture = ModelBroadcast.of(spark, "model '" + model.name() + "'", bytesOf(checkpoint));
        List<Double> losses = new ArrayList<>();
        long exchanges = 0;
        int restarts = 0;
        while (epoch < options.epochs()) {
            try {
                EpochResult result = epoch(shards, rows, epoch, architecture);
                exchanges += result.exchanges();
                losses.add(result.loss());
                epoch = save(checkpoint, epoch + 1);
            } catch (Exception e) {
                if (!(e instanceof SparkException) || restarts == options.maxRestarts()) {
                    throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
                }
                restarts++;
                epoch = restore(checkpoint);
                while (losses.size() > epoch - firstEpoch) {
                    losses.removeLast();
                }
            }
        }
        return new SparkFitResult(losses, exchanges, restarts);
    }

    private record EpochResult(double loss, long exchanges) {
    }

    private EpochResult epoch(JavaRDD<Shard> shards, int rows, int epoch, ModelBroadcast architecture) {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<Parameter> parameters = model.network().parameters();
        int steps = (rows + options.batchSize() - 1) / options.batchSize();
        double lossSum = 0;
        long exchanges = 0;
        for (int first = 0; first < steps; first += options.syncEvery()) {
            WindowPlan plan = new WindowPlan(epoch, first, Math.min(options.syncEvery(), steps - first),
                    options.batchSize(), rows, options.shuffle(), model.seed());
            Broadcast<float[]> weights = context.broadcast(Weights.flatten(parameters));
            WorkerGradient task = new WorkerGradient(architecture, weights, lossName, plan, options.fault());
            GradientSum sum = shards.map(task::compute)
                    .treeAggregate(GradientSum.zero(), GradientSum::plus, GradientSum::plus);
            weights.destroy();
            DriverStep.apply(model, sum.gradient);
            lossSum += sum.lossTimesRows;
            exchanges++;
        }
        return new EpochResult(lossSum / rows, exchanges);
    }

    /** Writes the checkpoint for {@code epochsDone} finished epochs; returns {@code epochsDone}. */
    private int save(Path checkpoint, int epochsDone) {
        try {
            model.save(checkpoint, Map.of(EPOCH_KEY, Integer.toString(epochsDone)));
            return epochsDone;
        } catch (IOException e) {
            throw new UncheckedIOException(checkpoint + ": cannot write the checkpoint: " + e.getMessage(), e);
        }
    }

    /** Puts the checkpoint's weights and optimizer state into the model; returns its finished epochs. */
    private int restore(Path checkpoint) {
        try {
            LoadedModel saved = ModelFile.load(checkpoint);
            Map<String, Parameter> current = model.network().parametersByPath();
            for (Parameter p : saved.model().parameters()) {
                Parameter target = current.get(p.path());
                if (target == null) {
                    throw new IllegalArgumentException(checkpoint + ": weight '" + p.path() + "' is not in model '"
                            + model.name() + "'");
                }
                Tensor value = target.value();
                value.copyFrom(p.value());
            }
            saved.optimizerState().ifPresent(state -> state.restoreInto(model.trainer()));
            String epochs = saved.metadata().get(EPOCH_KEY);
            if (epochs == null) {
                throw new IllegalArgumentException(checkpoint + ": not a Spark training checkpoint (no '" + EPOCH_KEY
                        + "' metadata)");
            }
            return Integer.parseInt(epochs);
        } catch (IOException e) {
            throw new UncheckedIOException(checkpoint + ": cannot read the checkpoint: " + e.getMessage(), e);
        }
    }

    private static byte[] bytesOf(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }
}
