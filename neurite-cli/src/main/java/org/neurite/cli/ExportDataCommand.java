package org.neurite.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.neurite.cli.recipes.LabelledTexts;
import org.neurite.cli.recipes.ModelLabels;
import org.neurite.cli.recipes.Recipe;
import org.neurite.cli.recipes.Recipes;
import org.neurite.data.LabelMapping;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code neurite export-data RECIPE --out DIR}: writes a text recipe's training and test texts, as
 * the recipe splits (and for {@code spam}, parses and de-duplicates) them, to {@code DIR/train.csv}
 * and {@code DIR/test.csv} with the columns {@code text,label}, rows in the recipe's order. The
 * label is the class name where the recipe has them ({@code ham}, {@code spam}), else the class id
 * ({@code 0}, {@code 1}). So the same data can be trained by {@code neurite train text-classifier
 * --data train.csv --test test.csv --text text --label label} or by another library, and compared
 * with the recipe itself.
 *
 * <pre>{@code
 * neurite export-data spam --out out/spam-csv
 * wrote out/spam-csv/train.csv (4837 texts) and out/spam-csv/test.csv (1031 texts)
 * }</pre>
 */
@Command(name = "export-data", mixinStandardHelpOptions = true,
        description = "Write a text recipe's training and test texts (as it splits them) to train.csv and test.csv"
                + " with the columns text,label.")
public final class ExportDataCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RECIPE", description = "A recipe on texts with labels, such as imdb-bow or spam.")
    String recipeName;

    @Option(names = "--out", required = true, description = "The folder to write train.csv and test.csv into.")
    Path out;

    @Override
    public Integer call() throws IOException {
        Recipe recipe = recipe();
        LabelledTexts test = recipe.testTexts().orElse(null);
        LabelledTexts train = recipe.trainTexts().orElse(null);
        if (train == null || test == null) {
            throw new UsageException("export-data: recipe '" + recipeName + "' has no labelled texts to export;"
                    + " expected a text recipe such as imdb-bow or spam");
        }
        LabelMapping classes = ModelLabels.stored(recipe.modelMetadata()).orElse(new LabelMapping(List.of("0", "1")));
        Files.createDirectories(out);
        write(train, classes, out.resolve("train.csv"));
        write(test, classes, out.resolve("test.csv"));
        System.out.println("wrote " + out.resolve("train.csv") + " (" + train.texts().size() + " texts) and "
                + out.resolve("test.csv") + " (" + test.texts().size() + " texts)");
        return 0;
    }

    private Recipe recipe() {
        try {
            return Recipes.named(recipeName);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    /** {@code text,label} rows, RFC 4180 quoted, UTF-8; the label as the class name of its id. */
    static void write(LabelledTexts texts, LabelMapping classes, Path file) throws IOException {
        float[] labels = texts.labels().toArray();
        if (labels.length != texts.texts().size()) {
            throw new IllegalArgumentException("export-data: " + file + ": expected one class id per text, found "
                    + labels.length + " label values for " + texts.texts().size() + " texts");
        }
        Writing.to(file, () -> {
            try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                writer.write("text,label\n");
                for (int i = 0; i < labels.length; i++) {
                    writer.write(CsvCells.quoted(texts.texts().get(i)));
                    writer.write(',');
                    writer.write(CsvCells.quoted(classes.nameOf((int) labels[i])));
                    writer.write('\n');
                }
            }
        });
    }
}
