package org.neurite.spark.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.neurite.spark.NeuriteSpark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code neurite spark predict --model FILE --data FILE --text COL --out FILE}: the corpus with the
 * columns of {@code neurite predict} added ({@code probability} and {@code label}, and for a model
 * of more than two classes one {@code probability_<class>} per class; see
 * {@link NeuriteSpark#predict}), written as Parquet or CSV (a folder of part files, as Spark writes).
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Add neurite predict's columns (probability, label, probability_<class>) to a corpus, scored by a saved text model.")
final class SparkPredictCommand implements Callable<Integer> {
    @Mixin
    SparkOptions spark;

    @Option(names = "--model", required = true, description = "A model file written by 'neurite train' for a text recipe (imdb-*, text-classifier, ...).")
    Path model;

    @Option(names = "--out", required = true, description = "Where to write: a .parquet or .csv path.")
    String out;

    @Option(names = "--threshold", defaultValue = "0.5", description = "Probability from which a binary model predicts class 1 (default: ${DEFAULT-VALUE}).")
    float threshold;

    @Override
    public Integer call() {
        SparkSession session = spark.session("neurite spark predict");
        try {
            Dataset<Row> scored = NeuriteSpark.predict(spark.read(session), model, spark.text, threshold);
            SparkOptions.write(scored, out);
            return 0;
        } finally {
            session.stop();
        }
    }
}
