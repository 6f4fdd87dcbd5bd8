package org.neurite.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.neurite.cli.recipes.CorpusFile;
import org.neurite.cli.recipes.ModelTargets;
import org.neurite.cli.report.ClassProbabilities;
import org.neurite.data.LabelKind;
import org.neurite.data.LabelMapping;
import org.neurite.models.Model;
import org.neurite.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code neurite predict --model FILE (--text TEXT | --input FILE|- | --input TABLE --text COL | --files FILE...)}:
 * what a model saved with its vectorizer says about texts.
 *
 * <ul>
 *   <li>{@code --text TEXT}: prints the probability (of class 1 for a binary model, of the
 *       predicted class for more), then {@code label=NAME}.</li>
 *   <li>{@code --input FILE} of one text per line ({@link TextLines}: UTF-8, a byte-order mark
 *       dropped; {@code -} for standard input): CSV {@code id,probability,label} on standard output,
 *       ids counting lines from 1. Empty input writes nothing, not even the header.</li>
 *   <li>{@code --input TABLE --text COL} where TABLE is a {@code .csv}, {@code .tsv} or
 *       {@code .jsonl} file: every row with its original columns plus the predicted label and the
 *       class probabilities ({@link TablePredictions}).</li>
 *   <li>{@code --files FILE...}: each file one text, CSV {@code id,probability,label} with the file's
 *       name as id. A model whose file says {@code input_kind=email} ({@code train spam}) parses each
 *       file as an e-mail ({@link ModelInputs}), so broken MIME, an unknown charset or an empty file
 *       still gets a probability; it reads {@code --text} and lines of {@code --input} as mail bodies.</li>
 * </ul>
 *
 * <p>A multi-label or regression model ({@link ModelTargets}) gives the columns of
 * {@link PredictionColumns} instead: one probability per label and the {@code labels} its saved
 * thresholds choose, joined by its separator; or the {@code prediction}.
 *
 * <p>Labels are the class names saved in the model ({@code train text-classifier}); a binary model
 * without them (the {@code imdb-*} recipes) says {@code positive} or {@code negative}. Any text gives
 * a probability: an empty line or a text of only unknown words is scored like a review with no known
 * word, and a long text is cut as the vectorizer cuts it. Input that is not UTF-8 text (NUL bytes,
 * other encodings) and a closed standard input are refused with one line naming the line, exit
 * status 1; the rows of the batches before it have been written.
 *
 * <pre>{@code
 * neurite predict --model out/imdb-lstm/model.neurite --text "I loved this movie"
 * 0.9612
 * label=positive
 * neurite predict --model out/text-classifier/model.neurite --input new-tickets.csv --text body > scored.csv
 * }</pre>
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "What a model saved with its vectorizer predicts for texts: one (--text), one per line"
                + " (--input FILE), or a column of a CSV/TSV/JSON-lines table (--input TABLE --text COL).")
public final class PredictCommand implements Callable<Integer> {
    /** Texts vectorized and scored together, so that a long input streams. */
    static final int BATCH = 256;
    /** The decision threshold of a binary model when {@code --threshold} is not given. */
    static final String DEFAULT_THRESHOLD = "0.5";

    @Option(names = "--model", required = true, converter = Arguments.InputFile.class,
            description = "A model file written by 'neurite train' for a text recipe.")
    Path file;

    @Option(names = "--text", description = "One text to score; with a table --input, the text column(s) (a,b).")
    String text;

    @Option(names = "--input", converter = Arguments.InputFileOrStdin.class,
            description = "A UTF-8 file with one text per line, '-' for standard input, or a .csv, .tsv or .jsonl table.")
    String input;

    @Option(names = "--files", arity = "1..*", converter = Arguments.InputFile.class, paramLabel = "FILE",
            description = "Files scored one text each (e-mail parsed as mail by a spam model); ids are the file names.")
    List<Path> files;

    @Option(names = "--skip-bad-rows", description = "With a table: skip rows with a wrong number of fields or an empty text.")
    boolean skipBadRows;

    @Option(names = "--threshold", defaultValue = DEFAULT_THRESHOLD, converter = Arguments.Probability.class,
            description = "Probability from which a binary model predicts class 1 (default: ${DEFAULT-VALUE}).")
    float threshold;

    /** Where the texts come from, decided by the options given. */
    private enum Source { ONE_TEXT, LINES, TABLE, FILES }

    @Override
    public Integer call() throws IOException {
        Source source = source();
        Model model = Model.load(file);
        model.vectorizer().orElseThrow(() ->
                new IllegalArgumentException(file + ": the model has no text vectorizer, so it cannot read raw text;"
                        + " use a model from a text recipe (imdb-bow, imdb-lstm, imdb-bilstm, text-classifier)"));
        ModelTargets targets = ModelTargets.of(model);
        if (targets.kind() == LabelKind.MULTI_LABEL || targets.kind() == LabelKind.REGRESSION) {
            return predictTargets(model, targets, source);
        }
        switch (source) {
            case ONE_TEXT -> {
                Prediction p = classify(model, List.of(ModelInputs.lineText(model, withoutByteOrderMark(text)))).getFirst();
                System.out.printf(Locale.ROOT, "%.4f%nlabel=%s%n", p.probability(), p.label());
            }
            case LINES -> {
                try (TextLines lines = TextLines.open(input)) {
                    writeCsv(model, lines, System.out);
                }
            }
            case TABLE -> new TablePredictions(model, PredictionColumns.of(model, targets, threshold), System.out)
                    .write(new CorpusFile(Path.of(input), text, null, skipBadRows).stream(true));
            case FILES -> writeFileRows(model, files, System.out);
        }
        return 0;
    }

    /**
     * Predictions of a multi-label or regression model: for one text, {@code name=value} lines
     * ({@code probability_<label>=} and {@code labels=}, or {@code prediction=}); for lines and
     * files, CSV {@code id} and the {@link PredictionColumns}; for a table, its columns and those.
     */
    private int predictTargets(Model model, ModelTargets targets, Source source) throws IOException {
        PredictionColumns columns = PredictionColumns.of(model, targets, threshold);
        switch (source) {
            case ONE_TEXT -> {
                List<String> cells = columns.cells(model.predict(List.of(ModelInputs.lineText(model,
                        withoutByteOrderMark(text))))).getFirst();
                List<String> names = columns.header();
                for (int c = 0; c < names.size(); c++) {
                    System.out.println(names.get(c) + "=" + cells.get(c));
                }
            }
            case LINES -> {
                try (TextLines lines = TextLines.open(input)) {
                    List<String> ids = new ArrayList<>();
                    List<String> batch = new ArrayList<>();
                    long id = 1;
                    for (String line = lines.next(); line != null; line = lines.next()) {
                        ids.add(Long.toString(id++));
                        batch.add(ModelInputs.lineText(model, line));
                        if (batch.size() == BATCH) {
                            writeIdRows(model, columns, ids, batch, id == BATCH + 1);
                        }
                    }
                    writeIdRows(model, columns, ids, batch, id - 1 <= BATCH);   // the header unless a full batch wrote it
                }
            }
            case TABLE -> new TablePredictions(model, columns, System.out)
                    .write(new CorpusFile(Path.of(input), text, null, skipBadRows).stream(true));
            case FILES -> {
                for (int start = 0; start < files.size(); start += BATCH) {
                    List<Path> batch = files.subList(start, Math.min(files.size(), start + BATCH));
                    List<String> ids = new ArrayList<>();
                    List<String> texts = new ArrayList<>();
                    for (Path path : batch) {
                        ids.add(path.getFileName().toString());
                        texts.add(ModelInputs.fileText(model, path));
                    }
                    writeIdRows(model, columns, ids, texts, start == 0);
                }
            }
        }
        System.out.flush();
        return 0;
    }

    /** Writes {@code id} and the prediction columns of each text (the header first when asked), then empties both lists. */
    private static void writeIdRows(Model model, PredictionColumns columns, List<String> ids, List<String> texts,
            boolean header) {
        if (texts.isEmpty()) {
            return;
        }
        if (header) {
            System.out.println("id," + String.join(",", columns.header().stream().map(CsvCells::quoted).toList()));
        }
        List<List<String>> cells = columns.cells(model.predict(texts));
        for (int i = 0; i < texts.size(); i++) {
            System.out.println(CsvCells.quoted(ids.get(i)) + ","
                    + String.join(",", cells.get(i).stream().map(CsvCells::quoted).toList()));
        }
        ids.clear();
        texts.clear();
    }

    /** The source the options name; a usage error when they do not fit together. */
    private Source source() {
        if (files != null) {
            if (text != null || input != null) {
                throw new UsageException("--files scores whole files; it excludes --text and --input");
            }
            return Source.FILES;
        }
        if (input == null) {
            if (text == null) {
                throw new UsageException("give --text TEXT, --input FILE, --input TABLE --text COL, or --files FILE...");
            }
            return Source.ONE_TEXT;
        }
        if (isTable(input)) {
            if (text == null) {
                throw new UsageException(input + ": a table needs --text COL naming its text column");
            }
            return Source.TABLE;
        }
        if (text != null) {
            throw new UsageException("--text and --input FILE of one text per line exclude each other;"
                    + " --text names a column only with a .csv, .tsv or .jsonl --input");
        }
        return Source.LINES;
    }

    /** Whether {@code input} names a CSV, TSV or JSON-lines file, by its extension. */
    static boolean isTable(String input) {
        String name = input.toLowerCase(Locale.ROOT);
        return name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".jsonl") || name.endsWith(".ndjson");
    }

    /** The text as given, less a byte-order mark that a file pasted into the argument may carry. */
    static String withoutByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Scores the lines batch by batch; the header comes with the first row, so empty input writes nothing. */
    private void writeCsv(Model model, TextLines lines, PrintStream out)
            throws IOException {
        List<String> batch = new ArrayList<>(BATCH);
        long id = 1;
        try {
            for (String line = lines.next(); line != null; line = lines.next()) {
                batch.add(line);
                if (batch.size() == BATCH) {
                    id = writeRows(model, batch, id, out);
                    batch.clear();
                }
            }
            writeRows(model, batch, id, out);
        } finally {
            out.flush();
        }
    }

    /** Writes one CSV row per text, numbered from {@code id} (the header first when it is 1), and returns the next id. */
    private long writeRows(Model model, List<String> texts, long id, PrintStream out) {
        long next = id;
        if (!texts.isEmpty()) {
            if (id == 1) {
                out.println("id,probability,label");
            }
            for (Prediction p : classify(model, texts.stream().map(t -> ModelInputs.lineText(model, t)).toList())) {
                out.printf(Locale.ROOT, "%d,%.6f,%s%n", next++, p.probability(), CsvCells.quoted(p.label()));
            }
        }
        return next;
    }

    /** One CSV row per file, {@link #BATCH} files read at a time; the id is the file's name. */
    private void writeFileRows(Model model, List<Path> paths, PrintStream out) throws IOException {
        out.println("id,probability,label");
        for (int start = 0; start < paths.size(); start += BATCH) {
            List<Path> batch = paths.subList(start, Math.min(paths.size(), start + BATCH));
            List<String> texts = new ArrayList<>(batch.size());
            for (Path path : batch) {
                texts.add(ModelInputs.fileText(model, path));
            }
            List<Prediction> predictions = classify(model, texts);
            for (int i = 0; i < batch.size(); i++) {
                out.printf(Locale.ROOT, "%s,%.6f,%s%n", CsvCells.quoted(batch.get(i).getFileName().toString()),
                        predictions.get(i).probability(), CsvCells.quoted(predictions.get(i).label()));
            }
            out.flush();
        }
    }

    /** A text's label and the probability shown with it. */
    record Prediction(String label, float probability) {
    }

    /**
     * One prediction per text: for one sigmoid output, the probability of class 1 and the class the
     * threshold gives; for a softmax, the most probable class and its probability.
     */
    private List<Prediction> classify(Model model, List<String> texts) {
        Tensor output = model.predict(texts);   // (texts, 1) or (texts, classes): read by the model's vectorizer
        if (output.rank() != 2) {
            throw new IllegalArgumentException("the model outputs shape " + java.util.Arrays.toString(output.shape())
                    + " per batch; predict needs (batch, 1) or (batch, classes)");
        }
        int k = output.dim(1) == 1 ? 2 : output.dim(1);
        LabelMapping classes = PredictionColumns.shownClasses(model, k);
        float[] p = ClassProbabilities.of(output, classes.size());
        List<Prediction> predictions = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            if (k == 2) {
                float positive = p[2 * i + 1];
                predictions.add(new Prediction(classes.nameOf(positive >= threshold ? 1 : 0), positive));
            } else {
                int best = ClassProbabilities.argmax(p, k, i);
                predictions.add(new Prediction(classes.nameOf(best), p[i * k + best]));
            }
        }
        return predictions;
    }
}
