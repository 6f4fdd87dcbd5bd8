package org.neurite.spark.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/**
 * The options every {@code neurite spark} command shares: the master, the corpus file and its text
 * column. Corpora are CSV (with a header row), JSON lines or Parquet, told apart by extension, as
 * {@code neurite train text-classifier} reads them (Parquet only here).
 */
final class SparkOptions {
    /** How long to wait for a standalone master to accept a connection before saying it cannot be reached. */
    private static final int CONNECT_TIMEOUT_MS = 5_000;

    @Option(names = "--master", description = "Spark master URL: local[N], spark://HOST:PORT, yarn, k8s://..."
            + " (default: spark-submit's --master, else local[*]).")
    String master;

    @Option(names = "--data", required = true, description = "The corpus: a .csv (with header), .jsonl/.json or .parquet file or folder.")
    String data;

    @Option(names = "--text", required = true, description = "The text column.")
    String text;

    /**
     * The session for {@code --master}, else for spark-submit's master (the {@code spark.master}
     * property it sets), else {@code local[*]}; a standalone master that does not answer fails
     * first, in one line.
     */
    SparkSession session(String appName) {
        String url = master != null ? master : System.getProperty("spark.master", "local[*]");
        checkReachable(url);
        return SparkSession.builder().master(url).appName(appName).getOrCreate();
    }

    /**
     * Spark retries an unreachable standalone master for about a minute before failing with a page of
     * log; a TCP probe of each listed master says it at once. Other masters are left to Spark.
     */
    static void checkReachable(String master) {
        if (!master.startsWith("spark://")) {
            return;
        }
        String failure = "";
        for (String hostPort : master.substring("spark://".length()).split(",")) {
            URI uri = URI.create("spark://" + hostPort);
            if (uri.getHost() == null || uri.getPort() < 0) {
                throw new IllegalArgumentException("--master " + master + ": expected spark://HOST:PORT[,HOST:PORT...]");
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), CONNECT_TIMEOUT_MS);
                return;
            } catch (IOException e) {
                failure = uri.getHost() + ":" + uri.getPort() + " (" + e.getMessage() + ")";
            }
        }
        throw new IllegalArgumentException("--master " + master + ": cannot reach the Spark master at " + failure);
    }

    Dataset<Row> read(SparkSession spark) {
        return read(spark, data);
    }

    static Dataset<Row> read(SparkSession spark, String file) {
        return switch (format(file, "--data")) {
            case "csv" -> spark.read().option("header", true).option("multiLine", true).option("escape", "\"")
                    .csv(file);
            case "json" -> spark.read().json(file);
            default -> spark.read().parquet(file);
        };
    }

    static void write(Dataset<Row> frame, String file) {
        switch (format(file, "--out")) {
            case "csv" -> frame.write().mode("overwrite").option("header", true).csv(file);
            case "parquet" -> frame.write().mode("overwrite").parquet(file);
            default -> throw new IllegalArgumentException("--out " + file + ": expected a .parquet or .csv path");
        }
    }

    private static String format(String file, String option) {
        String name = Path.of(file).getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return "csv";
        }
        if (name.endsWith(".jsonl") || name.endsWith(".json")) {
            return "json";
        }
        if (name.endsWith(".parquet")) {
            return "parquet";
        }
        throw new IllegalArgumentException(option + " " + file + ": expected a .csv, .jsonl, .json or .parquet path");
    }
}
