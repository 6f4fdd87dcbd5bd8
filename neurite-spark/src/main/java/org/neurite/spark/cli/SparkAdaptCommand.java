package org.neurite.spark.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.neurite.spark.NeuriteSpark;
import org.neurite.text.OutputMode;
import org.neurite.text.TextVectorization;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code neurite spark adapt --data FILE --text COL --out vocabulary.tsv}: a TextVectorization's
 * vocabulary learned on the cluster, written on the driver as {@code index<TAB>token} lines (with a
 * third column, the idf weight, in tf_idf mode) — the single-machine vocabulary of the same texts.
 */
@Command(name = "adapt", mixinStandardHelpOptions = true,
        description = "Learn a TextVectorization vocabulary (and idf weights) from a corpus on the cluster.")
final class SparkAdaptCommand implements Callable<Integer> {
    @Mixin
    SparkOptions spark;

    @Option(names = "--out", required = true, description = "The vocabulary file to write (tab-separated).")
    Path out;

    @Option(names = "--max-tokens", description = "Vocabulary size, special tokens included (default: all).")
    Integer maxTokens;

    @Option(names = "--ngrams", defaultValue = "1", description = "N-grams of widths 1 to N (default: ${DEFAULT-VALUE}).")
    int ngrams;

    @Option(names = "--output-mode", defaultValue = "int", description = "int, multi_hot, count or tf_idf (default: ${DEFAULT-VALUE}).")
    String outputMode;

    @Override
    public Integer call() throws IOException {
        TextVectorization.Builder builder = TextVectorization.builder()
                .optOutputMode(OutputMode.valueOf(outputMode.toUpperCase(Locale.ROOT)));
        if (maxTokens != null) {
            builder.optMaxTokens(maxTokens);
        }
        if (ngrams > 1) {
            builder.optNgrams(ngrams);
        }
        TextVectorization vectorizer = builder.build();
        SparkSession session = spark.session("neurite spark adapt");
        try {
            NeuriteSpark.adapt(vectorizer, spark.read(session), spark.text);
        } finally {
            session.stop();
        }
        write(vectorizer.getVocabulary(), vectorizer.idfWeights());
        return 0;
    }

    private void write(List<String> vocabulary, float[] idf) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            for (int i = 0; i < vocabulary.size(); i++) {
                w.print(i + "\t" + vocabulary.get(i));
                w.println(idf == null ? "" : "\t" + idf[i]);
            }
        }
    }
}
