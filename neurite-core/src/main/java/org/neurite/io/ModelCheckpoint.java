package org.neurite.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.neurite.train.Callback;
import org.neurite.train.Trainer;

/**
 * Saves the model, with its optimizer state, at the end of epochs: Keras' {@code ModelCheckpoint}.
 *
 * <p>The file name is {@code filepath} with Python-style fields filled in: {@code {epoch}} is the
 * number of epochs done (1 after the first, as in Keras), and any log name ({@code {val_loss}},
 * {@code {accuracy}}) is that epoch's value; a field may carry a format as in Python,
 * {@code {epoch:02d}} or {@code {val_loss:.4f}}. Each file is written atomically by
 * {@link ModelFile#save} and records {@value #EPOCH_KEY} in its metadata, the {@code initialEpoch}
 * from which to resume.
 *
 * <p>With {@code saveBestOnly}, a file is written only when {@code monitor} improves on the best
 * value this callback has seen; {@link Mode#AUTO} maximises names that contain {@code acc},
 * {@code auc}, {@code precision} or {@code recall}, or start with {@code fmeasure}, and minimises
 * others. A monitor missing from the logs is an error, not a silent skip.
 *
 * <pre>{@code
 * ModelCheckpoint checkpoint = ModelCheckpoint.builder().setFilepath("ckpt/model-{epoch:02d}-{val_loss:.4f}.neurite")
 *         .optSaveBestOnly(true).build();
 * trainer.fit(x, y, FitOptions.builder().epochs(20).validationSplit(0.1f).callbacks(checkpoint).build());
 *
 * LoadedModel loaded = ModelFile.load(Path.of("ckpt/model-07-0.3012.neurite"));     // later, to resume
 * Trainer resumed = Trainer.compile(loaded.model(), new Adam(1e-3f), loss);
 * loaded.optimizerState().orElseThrow().restoreInto(resumed);
 * int done = Integer.parseInt(loaded.metadata().get(ModelCheckpoint.EPOCH_KEY));
 * resumed.fit(x, y, FitOptions.builder().epochs(20).initialEpoch(done).validationSplit(0.1f).build());
 * }</pre>
 */
public final class ModelCheckpoint implements Callback {
    /** The metadata key holding the number of epochs done when the file was written. */
    public static final String EPOCH_KEY = "epoch";

    private static final Pattern FIELD = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)(?::([^{}]*))?}");
    private static final Pattern SPEC = Pattern.compile("[0-9]*(\\.[0-9]+)?[dfeg]");

    /** Whether a larger or a smaller monitored value is better. */
    public enum Mode { AUTO, MIN, MAX }

    private final String filepath;
    private final String monitor;
    private final boolean saveBestOnly;
    private final boolean maximize;
    private double best;

    private ModelCheckpoint(Builder b) {
        if (b.filepath == null || b.filepath.isBlank()) {
            throw new IllegalArgumentException("ModelCheckpoint: a filepath is required");
        }
        this.filepath = b.filepath;
        this.monitor = b.monitor;
        this.saveBestOnly = b.saveBestOnly;
        this.maximize = b.mode == Mode.MAX || (b.mode == Mode.AUTO && higherIsBetter(b.monitor));
        this.best = maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    /** Saves after every epoch to {@code filepath}, with Keras' other defaults. */
    public ModelCheckpoint(String filepath) {
        this(builder().setFilepath(filepath));
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void onEpochEnd(Trainer trainer, int epoch, Map<String, Double> logs) {
        int done = epoch + 1;
        if (saveBestOnly) {
            Double current = logs.get(monitor);
            if (current == null) {
                throw new IllegalArgumentException("ModelCheckpoint: monitor '" + monitor + "' is not in the logs "
                        + logs.keySet() + " (val_ names need validation data)");
            }
            if (!(maximize ? current > best : current < best)) {
                return;
            }
            best = current;
        }
        save(trainer, Path.of(fileName(filepath, done, logs)), done);
    }

    private static void save(Trainer trainer, Path file, int done) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            ModelFile.save(trainer.model(), trainer.optimizer(), Map.of(EPOCH_KEY, Integer.toString(done)), file);
        } catch (IOException e) {
            throw new UncheckedIOException("ModelCheckpoint: cannot save " + file, e);
        }
    }

    /** {@code pattern} with its {@code {name}} and {@code {name:spec}} fields filled in. */
    static String fileName(String pattern, int epoch, Map<String, Double> logs) {
        Matcher m = FIELD.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            Object value = name.equals("epoch") ? (Object) epoch : logs.get(name);
            if (value == null) {
                throw new IllegalArgumentException("ModelCheckpoint: filepath '" + pattern + "' uses {" + name
                        + "}, which is neither 'epoch' nor a log name " + logs.keySet());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(format(pattern, value, m.group(2))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String format(String pattern, Object value, String spec) {
        if (spec == null) {
            return value.toString();
        }
        if (!SPEC.matcher(spec).matches() || (spec.endsWith("d") && !(value instanceof Integer))) {
            throw new IllegalArgumentException("ModelCheckpoint: filepath '" + pattern + "' has format '" + spec
                    + "', which does not fit " + value + " (use forms like 02d for the epoch, .4f for logs)");
        }
        Object argument = spec.endsWith("d") ? value : ((Number) value).doubleValue();
        return String.format(Locale.ROOT, "%" + spec, argument);
    }

    private static boolean higherIsBetter(String monitor) {
        return monitor.contains("acc") || monitor.contains("auc") || monitor.contains("precision")
                || monitor.contains("recall") || monitor.startsWith("fmeasure");
    }

    /** Builds a {@link ModelCheckpoint}: {@code setFilepath} is required, the rest optional. */
    public static final class Builder {
        private String filepath;
        private String monitor = "val_loss";
        private boolean saveBestOnly;
        private Mode mode = Mode.AUTO;

        private Builder() {
        }

        public Builder setFilepath(String value) {
            this.filepath = value;
            return this;
        }

        /** The log to compare with {@code saveBestOnly}; default {@code val_loss}. */
        public Builder optMonitor(String value) {
            this.monitor = value;
            return this;
        }

        public Builder optSaveBestOnly(boolean value) {
            this.saveBestOnly = value;
            return this;
        }

        public Builder optMode(Mode value) {
            this.mode = value;
            return this;
        }

        public ModelCheckpoint build() {
            return new ModelCheckpoint(this);
        }
    }
}
