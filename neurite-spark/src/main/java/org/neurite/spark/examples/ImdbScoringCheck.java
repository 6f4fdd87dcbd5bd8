package org.neurite.spark.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.neurite.data.ReviewDataset;
import org.neurite.data.ReviewDatasets;

/**
 * The two ends of {@code neurite-spark/scripts/compare-imdb-scoring.sh}, which scores the 25,000
 * IMDB test reviews with {@code neurite predict} and with {@code neurite spark predict}:
 *
 * <ul>
 *   <li>{@code export FOLDER}: writes the test reviews as {@code reviews.txt} (one per line, for
 *       {@code neurite predict --input}) and {@code reviews.jsonl} ({@code {"id": line, "text": ...}},
 *       for Spark), the same texts; a line break inside a review (none in this corpus) would become
 *       a space in both.</li>
 *   <li>{@code compare PREDICT_CSV SPARK_PARQUET}: checks that every row of {@code neurite predict}'s
 *       CSV ({@code id,probability,label}) equals the Spark row of the same id, the probability
 *       printed as {@code neurite predict} prints it ({@code %.6f} of the same float), and prints
 *       {@code identical: N rows} or the first difference (exit status 1).</li>
 * </ul>
 */
public final class ImdbScoringCheck {
    private ImdbScoringCheck() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 2 && args[0].equals("export")) {
            export(Path.of(args[1]));
        } else if (args.length == 3 && args[0].equals("compare")) {
            System.exit(compare(Path.of(args[1]), args[2]) ? 0 : 1);
        } else {
            System.err.println("usage: ImdbScoringCheck export FOLDER | compare PREDICT_CSV SPARK_PARQUET");
            System.exit(2);
        }
    }

    private static void export(Path folder) throws IOException {
        ReviewDataset test = ReviewDatasets.imdb().test();
        Files.createDirectories(folder);
        ObjectMapper json = new ObjectMapper();
        try (BufferedWriter lines = Files.newBufferedWriter(folder.resolve("reviews.txt"), StandardCharsets.UTF_8);
             BufferedWriter objects = Files.newBufferedWriter(folder.resolve("reviews.jsonl"), StandardCharsets.UTF_8)) {
            for (int i = 0; i < test.size(); i++) {
                String text = test.texts().get(i).replace('\r', ' ').replace('\n', ' ');
                lines.write(text);
                lines.write('\n');
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", i + 1);
                row.put("text", text);
                objects.write(json.writeValueAsString(row));
                objects.write('\n');
            }
        }
        System.out.println("wrote " + test.size() + " reviews to " + folder.resolve("reviews.txt") + " and reviews.jsonl");
    }

    private static boolean compare(Path predictCsv, String sparkParquet) throws IOException {
        List<String> expected = Files.readAllLines(predictCsv, StandardCharsets.UTF_8);
        SparkSession spark = SparkSession.builder().appName("imdb scoring check").getOrCreate();
        try {
            List<Row> rows = spark.read().parquet(sparkParquet).select("id", "probability", "label").orderBy("id")
                    .collectAsList();
            if (rows.size() != expected.size() - 1) {
                System.out.println("different: neurite predict wrote " + (expected.size() - 1) + " rows, Spark "
                        + rows.size());
                return false;
            }
            for (int i = 0; i < rows.size(); i++) {
                Row row = rows.get(i);
                String scored = String.format(Locale.ROOT, "%d,%.6f,%s", row.getLong(0), row.getFloat(1), row.getString(2));
                if (!scored.equals(expected.get(i + 1))) {
                    System.out.println("different at row " + (i + 1) + ": neurite predict '" + expected.get(i + 1)
                            + "', Spark '" + scored + "'");
                    return false;
                }
            }
            System.out.println("identical: " + rows.size() + " rows (id, probability as printed, label)");
            return true;
        } finally {
            spark.stop();
        }
    }
}
