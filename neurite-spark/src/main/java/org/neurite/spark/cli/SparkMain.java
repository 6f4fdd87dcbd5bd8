package org.neurite.spark.cli;

import java.io.PrintStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code neurite spark predict|adapt|train --master URL ...}: Neurite on a Spark cluster for users
 * without a driver program of their own. Run it with {@code spark-submit} (which brings Spark and its
 * JVM options) or with {@code java -cp} over Spark's jars. Errors are one line on standard error and
 * exit status 1; usage errors exit with 2.
 *
 * <pre>{@code
 * spark-submit --master local[2] --class org.neurite.spark.cli.SparkMain neurite-spark-app.jar \
 *     predict --model imdb-bow.neurite --data reviews.parquet --text text --out scored.parquet
 * }</pre>
 */
@Command(name = "neurite spark", mixinStandardHelpOptions = true,
        subcommands = {SparkPredictCommand.class, SparkAdaptCommand.class, SparkTrainCommand.class},
        description = "Score, adapt a vocabulary and train on Apache Spark.")
public final class SparkMain implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(run(System.err, args));
    }

    /** Runs the command, reporting failures as one line on {@code err}; returns the exit status. */
    static int run(PrintStream err, String... args) {
        CommandLine line = new CommandLine(new SparkMain());
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            err.println("neurite spark " + cmd.getCommandName() + ": " + oneLine(e));
            return 1;
        });
        return line.execute(args);
    }

    private static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.toString() : root.getMessage();
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
