package org.neurite.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a model in the layout of Keras 3's {@code summary()}: one row per layer with its name and
 * type, output shape (batch shown as {@code None}) and parameter count, then the totals with their
 * size in float32 bytes.
 */
final class Summary {
    private static final int[] WIDTHS = {31, 22, 13};

    private Summary() {
    }

    static String of(Network model) {
        return of(model, null);
    }

    /** The summary with {@code before} (a layer that runs on the model's raw inputs, or null) as its first row. */
    static String of(Network model, Layer before) {
        List<String[]> rows = new ArrayList<>();
        if (before != null) {
            rows.add(layerRow(before, before.outputShape(new int[] {1})));
        }
        rows.addAll(rows(model));
        StringBuilder sb = new StringBuilder();
        sb.append("Model: \"").append(model.name()).append("\"\n");
        sb.append(line('┏', '━', '┳', '┓'));
        sb.append(row('┃', new String[] {"Layer (type)", "Output Shape", "Param #"}));
        sb.append(line('┡', '━', '╇', '┩'));
        for (int i = 0; i < rows.size(); i++) {
            sb.append(row('│', rows.get(i)));
            sb.append(i < rows.size() - 1 ? line('├', '─', '┼', '┤') : line('└', '─', '┴', '┘'));
        }
        long total = 0;
        long trainable = 0;
        for (Parameter p : model.parameters()) {
            total += p.size();
            trainable += p.trainable() ? p.size() : 0;
        }
        sb.append(" Total params: ").append(count(total)).append('\n');
        sb.append(" Trainable params: ").append(count(trainable)).append('\n');
        sb.append(" Non-trainable params: ").append(count(total - trainable)).append('\n');
        return sb.toString();
    }

    private static List<String[]> rows(Network model) {
        List<String[]> rows = new ArrayList<>();
        if (model instanceof SequentialNetwork sequential) {
            List<int[]> shapes = sequential.outputShapes();
            for (int i = 0; i < shapes.size(); i++) {
                rows.add(layerRow(sequential.layers().get(i), shapes.get(i)));
            }
        } else if (model instanceof FunctionalNetwork functional) {
            for (SymbolicTensor t : functional.graph()) {
                rows.add(t.isInput()
                        ? new String[] {t.inputName() + " (InputLayer)", shape(t.shape()), "0"}
                        : layerRow(t.layer(), t.shape()));
            }
        }
        return rows;
    }

    private static String[] layerRow(Layer layer, int[] outputShape) {
        return new String[] {layer.name() + " (" + layer.type() + ")", shape(outputShape),
            String.format(Locale.ROOT, "%,d", layer.countParams())};
    }

    /** {@code (None, 28, 28)}: the batch, then each dimension, unknown ones as None. */
    static String shape(int[] shape) {
        StringBuilder sb = new StringBuilder("(None");
        for (int d : shape) {
            sb.append(", ").append(d < 0 ? "None" : Integer.toString(d));
        }
        return sb.append(')').toString();
    }

    private static String count(long params) {
        return String.format(Locale.ROOT, "%,d (%s)", params, bytes(params * 4));
    }

    private static String bytes(long bytes) {
        String[] units = {"B", "KB", "MB", "GB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.2f %s", value, units[unit]);
    }

    private static String line(char left, char fill, char cross, char right) {
        StringBuilder sb = new StringBuilder().append(left);
        for (int c = 0; c < WIDTHS.length; c++) {
            sb.append(String.valueOf(fill).repeat(WIDTHS[c] + 2)).append(c < WIDTHS.length - 1 ? cross : right);
        }
        return sb.append('\n').toString();
    }

    private static String row(char border, String[] cells) {
        StringBuilder sb = new StringBuilder().append(border);
        for (int c = 0; c < cells.length; c++) {
            String cell = cells[c].length() > WIDTHS[c] ? cells[c].substring(0, WIDTHS[c] - 1) + "…" : cells[c];
            String padded = c == cells.length - 1
                    ? " ".repeat(WIDTHS[c] - cell.length()) + cell
                    : cell + " ".repeat(WIDTHS[c] - cell.length());
            sb.append(' ').append(padded).append(' ').append(border);
        }
        return sb.append('\n').toString();
    }
}
