package org.neurite.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import org.neurite.cli.bench.BenchCommand;
import org.neurite.cli.train.TrainCommand;
import org.neurite.kernels.KernelWarmUp;
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
        description = "Deep learning for applied text mining.")
public final class Main {
    /**
     * The subcommands, in the order {@code neurite --help} lists them. Picocli reads every option of
     * a command by reflection when it is added (and {@code train} lists the recipes), which took
     * about half of a short command's time in the JVM; so a command line that names one of them gets
     * only that one, and any other (help, a misspelt command) gets them all.
     */
    private static final List<Class<?>> SUBCOMMANDS = List.of(TrainCommand.class, SummaryCommand.class,
            EvaluateCommand.class, PredictCommand.class, ExplainCommand.class, ImportCommand.class,
            ExportCommand.class, ExportDataCommand.class, BenchCommand.class, WarmUpCommand.class,
            GenerateCommand.class, SuggestCommand.class, TranslateCommand.class, ForecastCommand.class);
    /** Commands that train: their kernels are compiled in the background while they load their data. */
    private static final List<String> TRAINING_COMMANDS = List.of("train", "bench");

    @Option(names = "--debug", description = "Show stack traces of errors.", scope = CommandLine.ScopeType.INHERIT)
    boolean debug;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit status; used by tests. */
    public static int run(String... args) {
        OneLineNotices.install();
        PredictCommand oneText = PredictTextShortcut.parse(args);
        if (oneText != null) {
            return PredictTextShortcut.run(oneText, System.err);
        }
        if (TRAINING_COMMANDS.contains(commandName(args))) {
            KernelWarmUp.startInBackground();
        }
        CommandLine commandLine = new CommandLine(new Main());
        for (Class<?> subcommand : subcommandsFor(args)) {
            commandLine.addSubcommand(subcommand);
        }
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> {
            boolean debugging = parseResult.originalArgs().contains("--debug");
            if (debugging) {
                e.printStackTrace(cl.getErr());
            }
            cl.getErr().println("neurite: " + ErrorMessage.of(e));
            return exitStatus(e);
        });
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            CommandLine cl = e.getCommandLine();
            if (Arrays.asList(arguments).contains("--debug")) {
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
            if (Arrays.asList(args).contains("--debug")) {
                e.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().println("neurite: " + ErrorMessage.of(e));
            return 1;
        }
    }

    /** The first argument after any {@code --debug}: the subcommand's name on a well-formed line. */
    private static String commandName(String... args) {
        return Arrays.stream(args).filter(a -> !a.equals("--debug")).findFirst().orElse("");
    }

    /** Reports a command's failure in one line on {@code err}, as the handler in {@link #run} does, and returns its exit status. */
    static int reportFailure(Throwable e, PrintStream err) {
        err.println("neurite: " + ErrorMessage.of(e));
        return exitStatus(e);
    }

    /** 2 (picocli's status for bad input) for a usage error found while running, 1 for any other failure. */
    private static int exitStatus(Throwable e) {
        return e instanceof UsageException ? CommandLine.ExitCode.USAGE : CommandLine.ExitCode.SOFTWARE;
    }

    /**
     * The subcommand named by the first argument after any {@code --debug}; none for {@code --version}
     * alone; all when the first is none of them ({@code --help}, a misspelt name), so that help and
     * picocli's suggestions see every one.
     */
    static List<Class<?>> subcommandsFor(String... args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            return List.of();
        }
        String first = commandName(args);
        return SUBCOMMANDS.stream().filter(c -> c.getAnnotation(Command.class).name().equals(first))
                .findFirst().map(List::<Class<?>>of).orElse(SUBCOMMANDS);
    }
}
