package org.neurite.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Streams each epoch's logs to a CSV file, as Keras' {@code CSVLogger}: a header {@code epoch,...}
 * with the first epoch's log names in sorted order, then one row per epoch ({@code NA} for a name
 * missing from a later epoch), flushed after each epoch. Rows end in {@code \r\n} and numbers are
 * written as Python writes them ({@code 0.25}, {@code 1e-05}, {@code nan}), so the file matches the
 * one Keras writes. With {@code append}, rows go after an existing file's, and the header is written
 * only when that file is empty.
 *
 * <pre>{@code
 * trainer.fit(x, y, FitOptions.builder().epochs(10).callbacks(new CSVLogger(Path.of("training.log"))).build());
 * }</pre>
 */
public final class CSVLogger implements Callback {
    private static final String LINE_END = "\r\n";

    private final Path path;
    private final String separator;
    private final boolean append;
    private Writer writer;
    private List<String> keys;
    private boolean writeHeader;

    /** Overwrites {@code path}, separating fields by commas. */
    public CSVLogger(Path path) {
        this(path, ",", false);
    }

    public CSVLogger(Path path, String separator, boolean append) {
        this.path = path;
        this.separator = separator;
        this.append = append;
    }

    @Override
    public void onTrainBegin(Trainer trainer, FitOptions options, int stepsPerEpoch) {
        try {
            writeHeader = !append || !Files.exists(path) || Files.size(path) == 0;
            close();
            writer = append
                    ? Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND)
                    : Files.newBufferedWriter(path, StandardCharsets.UTF_8);
            keys = null;
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger: cannot open " + path, e);
        }
    }

    @Override
    public void onEpochEnd(Trainer trainer, int epoch, Map<String, Double> logs) {
        StringBuilder out = new StringBuilder();
        if (keys == null) {
            keys = new ArrayList<>(logs.keySet());
            keys.sort(null);
            if (writeHeader) {
                out.append("epoch");
                keys.forEach(k -> out.append(separator).append(k));
                out.append(LINE_END);
            }
        }
        out.append(epoch);
        for (String k : keys) {
            Double value = logs.get(k);
            out.append(separator).append(value == null ? "NA" : pythonRepr(value));
        }
        out.append(LINE_END);
        try {
            writer.write(out.toString());
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger: cannot write " + path, e);
        }
    }

    @Override
    public void onTrainEnd(Trainer trainer, History history) {
        try {
            close();
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger: cannot close " + path, e);
        }
    }

    private void close() throws IOException {
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }

    /** Python's {@code repr(float)}: shortest round-trip digits, scientific below 1e-4 and from 1e16. */
    static String pythonRepr(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return 1 / v < 0 ? "-0.0" : "0.0";
        }
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        int exponent = d.precision() - d.scale() - 1;
        if (exponent < -4 || exponent >= 16) {
            String digits = d.unscaledValue().abs().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            int e = Math.abs(exponent);
            return (v < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + (e < 10 ? "0" : "") + e;
        }
        String plain = d.toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }
}
