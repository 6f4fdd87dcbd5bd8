package org.neurite.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.neurite.models.Model;
import org.neurite.tensor.Tensor;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code neurite predict --model FILE (--text TEXT | --input FILE|- | --files FILE...)}: the probability
 * that each text is positive (class 1), from a model saved with its vectorizer (the {@code imdb-*},
 * {@code text-classifier} and {@code spam} recipes). With
 * {@code --text} it prints the probability, then {@code label=positive} or {@code label=negative};
 * with {@code --input} it reads one text per line ({@link TextLines}: UTF-8, a byte-order mark
 * dropped; {@code -} for standard input) and writes CSV {@code id,probability,label} to standard
 * output, ids counting lines from 1. Empty input writes nothing, not even the header. With
 * {@code --files} each file is one text and its id is the file's name; a model whose file says
 * {@code input_kind=email} ({@code spam}) parses each file as an e-mail ({@link ModelInputs}), so
 * broken MIME, unknown charsets and empty files still get a probability. Labels are the model's class
 * names when its file records two ({@code ham}, {@code spam}), else {@code negative} and
 * {@code positive}.
 *
 * <p>Any text gives a probability: an empty line or a text of only unknown words is scored like a
 * review with no known word, and a long text is cut as the vectorizer cuts it. Input that is not
 * UTF-8 text (NUL bytes, other encodings) and a closed standard input are refused with one line
 * naming the line, exit status 1; the rows of the batches before it have been written.
 *
 * <pre>{@code
 * neurite predict --model out/imdb-lstm/model.neurite --text "I loved this movie"
 * 0.9612
 * label=positive
 * }</pre>
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Probability that texts are positive, from a model saved with its vectorizer.")
public final class PredictCommand implements Callable<Integer> {
    /** Texts vectorized and scored together, so that a long input streams. */
    static final int BATCH = 256;

    @Option(names = "--model", required = true, converter = Arguments.InputFile.class,
            description = "A model file written by 'neurite train imdb-...'.")
    Path file;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--threshold", defaultValue = "0.5", converter = Arguments.Probability.class,
            description = "Probability from which a text is labelled positive (default: ${DEFAULT-VALUE}).")
    float threshold;

    /** The names of the classes 0 and 1: the model's own ({@code ham}, {@code spam}) or negative and positive. */
    private List<String> labelNames = List.of("negative", "positive");

    /** Where the texts come from: one on the command line, or one per line of a file. */
    static final class Source {
        @Option(names = "--text", description = "One text to score.")
        String text;

        @Option(names = "--input", converter = Arguments.InputFileOrStdin.class, description = "A UTF-8 file with one text per line, or '-' for standard input.")
        String input;

        @Option(names = "--files", arity = "1..*", converter = Arguments.InputFile.class, paramLabel = "FILE",
                description = "Files scored one text each (e-mails parsed as mail by a spam model); ids are the file names.")
        List<Path> files;
    }

    @Override
    public Integer call() throws IOException {
        Model model = Model.load(file);
        model.vectorizer().orElseThrow(() ->
                new IllegalArgumentException(file + ": the model has no text vectorizer, so it cannot read raw text;"
                        + " use a model from a text recipe (imdb-bow, imdb-lstm, imdb-bilstm)"));
        labelNames = ModelInputs.labelNames(model);
        if (source.text != null) {
            float p = probabilities(model, List.of(ModelInputs.lineText(model, withoutByteOrderMark(source.text))))[0];
            System.out.printf(Locale.ROOT, "%.4f%nlabel=%s%n", p, label(p));
            return 0;
        }
        if (source.files != null) {
            writeFileRows(model, source.files, System.out);
            return 0;
        }
        try (TextLines lines = TextLines.open(source.input)) {
            writeCsv(model, lines, System.out);
        }
        return 0;
    }

    /** One CSV row per file, {@link #BATCH} files read at a time; the id is the file's name. */
    private void writeFileRows(Model model, List<Path> files, PrintStream out) throws IOException {
        out.println("id,probability,label");
        for (int start = 0; start < files.size(); start += BATCH) {
            List<Path> batch = files.subList(start, Math.min(files.size(), start + BATCH));
            List<String> texts = new ArrayList<>(batch.size());
            for (Path file : batch) {
                texts.add(ModelInputs.fileText(model, file));
            }
            float[] p = probabilities(model, texts);
            for (int i = 0; i < p.length; i++) {
                out.printf(Locale.ROOT, "%s,%.6f,%s%n", csvField(batch.get(i).getFileName().toString()), p[i], label(p[i]));
            }
            out.flush();
        }
    }

    /** A CSV field, quoted (RFC 4180) when it holds a comma, a quote or a line break. */
    static String csvField(String value) {
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
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
            for (float p : probabilities(model, texts.stream().map(t -> ModelInputs.lineText(model, t)).toList())) {
                out.printf(Locale.ROOT, "%d,%.6f,%s%n", next++, p, label(p));
            }
        }
        return next;
    }

    /** One probability per text: the model's single output for the vectorized texts. */
    static float[] probabilities(Model model, List<String> texts) {
        Tensor p = model.predict(texts);   // (texts, 1): read by the vectorizer in the model's file
        if (p.rank() != 2 || p.dim(1) != 1) {
            throw new IllegalArgumentException("the model outputs shape " + java.util.Arrays.toString(p.shape())
                    + " per batch; predict needs one probability per text, (batch, 1)");
        }
        return p.toArray();
    }

    private String label(float p) {
        return p >= threshold ? labelNames.get(1) : labelNames.get(0);
    }
}
