package org.neurite.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.neurite.cli.report.AttentionHeatMap;
import org.neurite.cli.translate.Translation;
import org.neurite.cli.translate.Translator;
import org.neurite.models.Model;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code neurite translate --model FILE (--text TEXT | --input FILE|-) [--beam N] [--heat-map PNG]}:
 * translates with a model written by a translation recipe ({@code translate-dates}, {@code pronounce}),
 * whose file holds its source and target symbols. Prints one translation per input line, in order;
 * standard error says once what the output is (for dates: the model's guess of an ISO date). Every
 * line gets an answer, even one that is not a date or holds characters the model never saw (they
 * read as one unknown symbol); a line longer than the model reads is cut. {@code --heat-map} also
 * draws the attention of each translation (see {@link AttentionHeatMap}).
 *
 * <pre>{@code
 * neurite translate --model out/translate-dates/model.neurite --text "25th of November 2026"
 * 2026-11-25
 * }</pre>
 */
@Command(name = "translate", mixinStandardHelpOptions = true,
        description = "Translate texts (one per line) with a model from 'neurite train translate-dates' or 'pronounce'.")
public final class TranslateCommand implements Callable<Integer> {
    /** Lines translated together, so that a long input streams. */
    static final int BATCH = 256;
    /** Translations drawn in a heat map at most, so that the picture stays readable. */
    static final int HEAT_MAP_LIMIT = 20;

    @Option(names = "--model", required = true, converter = Arguments.InputFile.class,
            description = "A model file written by 'neurite train translate-dates' or 'neurite train pronounce'.")
    Path file;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--beam", defaultValue = "1", converter = Arguments.Count.class,
            description = "Beam width; 1 decodes greedily (default: ${DEFAULT-VALUE}).")
    int beam;

    @Option(names = "--heat-map", converter = Arguments.OutputFile.class,
            description = "Also write the attention of the first " + HEAT_MAP_LIMIT + " translations to this PNG.")
    Path heatMap;

    /** Where the texts come from: one on the command line, or one per line of a file. */
    static final class Source {
        @Option(names = "--text", description = "One text to translate.")
        String text;

        @Option(names = "--input", converter = Arguments.InputFileOrStdin.class,
                description = "A UTF-8 file with one text per line, or '-' for standard input.")
        String input;
    }

    @Override
    public Integer call() throws IOException {
        Translator translator = Translator.of(Model.load(file));
        System.err.println("neurite: " + translator.task().note());
        List<Translation> drawn = new ArrayList<>();
        if (source.text != null) {
            translate(translator, List.of(PredictCommand.withoutByteOrderMark(source.text)), System.out, drawn);
        } else {
            try (TextLines lines = TextLines.open(source.input)) {
                List<String> batch = new ArrayList<>(BATCH);
                for (String line = lines.next(); line != null; line = lines.next()) {
                    batch.add(line);
                    if (batch.size() == BATCH) {
                        translate(translator, batch, System.out, drawn);
                        batch.clear();
                    }
                }
                translate(translator, batch, System.out, drawn);
            } finally {
                System.out.flush();
            }
        }
        if (heatMap != null) {
            Writing.to(heatMap, () -> AttentionHeatMap.write(drawn, "attention of each output symbol (rows) over the input",
                    heatMap));
        }
        return 0;
    }

    /** Prints the translation of each text on its own line; keeps the first few for the heat map. */
    private void translate(Translator translator, List<String> texts, PrintStream out, List<Translation> drawn) {
        if (texts.isEmpty()) {
            return;
        }
        for (Translation t : translator.translate(texts, beam)) {
            out.println(t.text());
            if (drawn.size() < HEAT_MAP_LIMIT) {
                drawn.add(t);
            }
        }
    }
}
