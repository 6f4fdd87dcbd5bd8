package org.neurite.cli.report;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import org.neurite.train.Callback;
import org.neurite.train.FitOptions;
import org.neurite.train.Trainer;

/**
 * Keras' progress display: {@code Epoch 3/10}, then a bar with steps, time, time per step and the
 * running logs. On a terminal the bar is redrawn in place; otherwise (a file, a pipe, CI) only the
 * finished line of each epoch is printed, so logs stay readable.
 */
public final class ProgressBar implements Callback {
    private static final int WIDTH = 20;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private final boolean interactive;
    private int epochs;
    private int steps;
    private long epochStart;
    private long lastDraw;

    public ProgressBar(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    /** A progress bar on standard output, redrawn in place when that is a terminal. */
    public static ProgressBar onStandardOutput() {
        return new ProgressBar(System.out, System.console() != null && System.console().isTerminal());
    }

    @Override
    public void onTrainBegin(Trainer trainer, FitOptions options, int stepsPerEpoch) {
        this.epochs = options.epochs();
        this.steps = stepsPerEpoch;
    }

    @Override
    public void onEpochBegin(Trainer trainer, int epoch) {
        out.println("Epoch " + (epoch + 1) + "/" + epochs);
        epochStart = System.nanoTime();
        lastDraw = 0;
    }

    @Override
    public void onBatchEnd(Trainer trainer, int step, Map<String, Double> logs) {
        long now = System.nanoTime();
        if (interactive && step + 1 < steps && now - lastDraw > REDRAW_NANOS) {
            lastDraw = now;
            out.print("\r" + line(step + 1, now, logs, true));
            out.flush();
        }
    }

    @Override
    public void onEpochEnd(Trainer trainer, int epoch, Map<String, Double> logs) {
        out.print(interactive ? "\r" : "");
        out.println(line(steps, System.nanoTime(), logs, false));
    }

    private String line(int done, long now, Map<String, Double> logs, boolean running) {
        double elapsed = (now - epochStart) / 1e9;
        double perStep = elapsed / Math.max(1, done);
        String time = running
                ? formatSeconds(perStep * (steps - done)) + " "
                : formatSeconds(elapsed) + " ";
        StringBuilder sb = new StringBuilder();
        int width = String.valueOf(steps).length();
        sb.append(String.format(Locale.ROOT, "%" + width + "d/%d ", done, steps)).append(bar(done)).append(' ')
                .append(time).append(String.format(Locale.ROOT, "%.0fms/step", perStep * 1000));
        logs.forEach((k, v) -> sb.append(String.format(Locale.ROOT, " - %s: %.4f", k, v)));
        return sb.toString();
    }

    private String bar(int done) {
        int filled = (int) ((long) WIDTH * done / Math.max(1, steps));
        return "━".repeat(filled) + (filled < WIDTH ? "╺" + "━".repeat(WIDTH - filled - 1).replace('━', '─') : "");
    }

    private static String formatSeconds(double seconds) {
        return seconds < 60 ? String.format(Locale.ROOT, "%.0fs", Math.ceil(seconds))
                : String.format(Locale.ROOT, "%dm%02ds", (int) seconds / 60, (int) seconds % 60);
    }
}
