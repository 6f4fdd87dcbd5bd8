package org.neurite.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * {@code neurite predict --model FILE --text TEXT}, one text's prediction, run without building
 * picocli's model of the command line: picocli reads the command's options by reflection (annotation
 * proxies, method handles spun at run time) and loads about 170 classes that the start-up cache cannot
 * hold (Java 5 class files), about a quarter of this command's time. Only that exact command line takes
 * this path: the two options once each, in either order, as {@code --opt VALUE} or {@code --opt=VALUE},
 * a model file that picocli's converter accepts, and nothing picocli would read otherwise (a value
 * starting with {@code -}, an {@code @file} argument, {@code --}, {@code --debug}). Every other line,
 * and every error of the line itself, goes to picocli, so messages and exit statuses stay its own; the
 * command runs and fails as {@link Main} runs it.
 *
 * <pre>{@code
 * PredictCommand predict = PredictTextShortcut.parse("predict", "--model", "m.neurite", "--text", "fine");
 * int status = predict == null ? viaPicocli(args) : PredictTextShortcut.run(predict, System.err);
 * }</pre>
 */
final class PredictTextShortcut {
    private static final int ARGUMENTS = 5;

    private PredictTextShortcut() {
    }

    /** The command, its options set as picocli would set them, or null when {@code args} are any other command line. */
    static PredictCommand parse(String... args) {
        if (args.length < 3 || args.length > ARGUMENTS || !args[0].equals("predict")) {
            return null;
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            String name = equals < 0 ? args[i] : args[i].substring(0, equals);
            if (!name.equals("--model") && !name.equals("--text")) {
                return null;
            }
            String value;
            if (equals >= 0) {
                value = args[i].substring(equals + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                return null;
            }
            if (values.put(name, value) != null) {
                return null;
            }
        }
        boolean plain = values.size() == 2 && Arrays.stream(args).noneMatch(a -> a.startsWith("@"))
                && values.values().stream().noneMatch(v -> v.startsWith("-"));
        return plain ? commandFor(values.get("--model"), values.get("--text")) : null;
    }

    /** The command with picocli's values, or null when the model file's converter refuses it (picocli reports that). */
    private static PredictCommand commandFor(String model, String text) {
        Path file;
        try {
            file = new Arguments.InputFile().convert(model);
        } catch (CommandLine.TypeConversionException refused) {
            return null;
        }
        PredictCommand predict = new PredictCommand();
        predict.file = file;
        predict.text = text;
        predict.threshold = Float.parseFloat(PredictCommand.DEFAULT_THRESHOLD);
        return predict;
    }

    /**
     * Runs {@code predict} and returns the exit status; an exception is reported on {@code err} in one
     * line, as {@link Main}'s handler reports it.
     */
    static int run(PredictCommand predict, PrintStream err) {
        try {
            return predict.call();
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            return Main.reportFailure(e, err);
        }
    }
}
