package org.neurite.cli;

import org.neurite.cli.bench.BenchCommand;
import org.neurite.cli.train.TrainCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code neurite} command. Each subcommand is a class of its own; errors, bad arguments
 * included, end with a one-line message on standard error and a non-zero exit status (2 for bad
 * arguments, 1 for failures; {@code --debug} shows the stack trace). Notices of the library (such
 * as stale temporary files removed) appear on standard error as one {@code neurite: } line each.
 */
@Command(name = "neurite", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Deep learning for applied text mining.",
        subcommands = {TrainCommand.class, SummaryCommand.class, EvaluateCommand.class, PredictCommand.class,
                ExplainCommand.class, ImportCommand.class, ExportCommand.class, ExportDataCommand.class,
                BenchCommand.class, WarmUpCommand.class, GenerateCommand.class, SuggestCommand.class,
                TranslateCommand.class, ForecastCommand.class})
public final class Main {
    @Option(names = "--debug", description = "Show stack traces of errors.", scope = CommandLine.ScopeType.INHERIT)
    boolean debug;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit status; used by tests. */
    public static int run(String... args) {
        OneLineNotices.install();
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> {
            boolean debugging = parseResult.originalArgs().contains("--debug");
            if (debugging) {
                e.printStackTrace(cl.getErr());
            }
            cl.getErr().println("neurite: " + ErrorMessage.of(e));
            return e instanceof UsageException ? cl.getCommandSpec().exitCodeOnInvalidInput() : 1;
        });
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            CommandLine cl = e.getCommandLine();
            if (java.util.Arrays.asList(arguments).contains("--debug")) {
                e.printStackTrace(cl.getErr());
            }
            cl.getErr().println("neurite: " + ErrorMessage.oneLine(e.getMessage()) + " (see '"
                    + cl.getCommandSpec().qualifiedName() + " --help')");
            return cl.getCommandSpec().exitCodeOnInvalidInput();
        });
        try {
            return commandLine.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            // picocli hands only Exceptions to the handler above; these two are the input's fault, not a bug.
            if (java.util.Arrays.asList(args).contains("--debug")) {
                e.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().println("neurite: " + ErrorMessage.of(e));
            return 1;
        }
    }
}
