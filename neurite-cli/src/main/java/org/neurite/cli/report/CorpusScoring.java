package org.neurite.cli.report;

import java.util.ArrayList;
import java.util.List;
import org.neurite.data.CorpusCursor;
import org.neurite.data.CorpusRow;
import org.neurite.data.DatasetException;
import org.neurite.data.LabelMapping;
import org.neurite.models.Model;

/**
 * Scores labelled texts with a saved model into its report, a batch at a time: a
 * {@link ClassificationReport} for one class per text, a {@link MultiLabelReport} for several
 * labels per text, a {@link RegressionReport} for a number per text; from a streamed file (only
 * the batch and the report's per-text probabilities are held) or from texts in memory.
 */
public final class CorpusScoring {
    /** Texts vectorized and scored together. */
    public static final int BATCH = 256;
    /** Mistakes a report lists. */
    public static final int SHOWN_MISTAKES = 10;

    private CorpusScoring() {
    }

    /**
     * Reads {@code rows} to the end; each row's label must be one of {@code classes}.
     *
     * @throws DatasetException naming the line of a label the model does not know
     */
    public static ClassificationReport report(Model model, LabelMapping classes, CorpusCursor rows) {
        ClassificationReport report = new ClassificationReport(classes.classes(), SHOWN_MISTAKES);
        try (rows) {
            for (List<CorpusRow> batch = rows.nextBatch(BATCH); !batch.isEmpty(); batch = rows.nextBatch(BATCH)) {
                List<String> texts = new ArrayList<>(batch.size());
                int[] ids = new int[batch.size()];
                for (int i = 0; i < ids.length; i++) {
                    CorpusRow row = batch.get(i);
                    texts.add(row.text());
                    ids[i] = idOf(classes, row);
                }
                add(report, model, texts, ids);
            }
        }
        return report;
    }

    /** The report on texts in memory with their class ids. */
    public static ClassificationReport report(Model model, List<String> classes, List<String> texts, int[] ids) {
        ClassificationReport report = new ClassificationReport(classes, SHOWN_MISTAKES);
        for (int start = 0; start < texts.size(); start += BATCH) {
            int end = Math.min(texts.size(), start + BATCH);
            add(report, model, texts.subList(start, end), java.util.Arrays.copyOfRange(ids, start, end));
        }
        return report;
    }

    /** The multi-label report on texts in memory with their row-major {@code (texts, labels)} 0/1 targets. */
    public static MultiLabelReport multiLabel(Model model, List<String> labels, float[] thresholds, List<String> texts,
            float[] targets) {
        MultiLabelReport report = new MultiLabelReport(labels, thresholds);
        int k = labels.size();
        for (int start = 0; start < texts.size(); start += BATCH) {
            int end = Math.min(texts.size(), start + BATCH);
            report.add(model.predict(texts.subList(start, end)).toArray(),
                    java.util.Arrays.copyOfRange(targets, start * k, end * k));
        }
        return report;
    }

    /**
     * Reads {@code rows} to the end; each row's labels must be among {@code labels}.
     *
     * @throws DatasetException naming the line of a label the model does not know
     */
    public static MultiLabelReport multiLabel(Model model, LabelMapping labels, float[] thresholds, CorpusCursor rows) {
        MultiLabelReport report = new MultiLabelReport(labels.classes(), thresholds);
        int k = labels.size();
        try (rows) {
            for (List<CorpusRow> batch = rows.nextBatch(BATCH); !batch.isEmpty(); batch = rows.nextBatch(BATCH)) {
                float[] targets = new float[batch.size() * k];
                for (int i = 0; i < batch.size(); i++) {
                    for (String label : batch.get(i).labels()) {
                        targets[i * k + labelId(labels, label, batch.get(i).line())] = 1f;
                    }
                }
                report.add(model.predict(texts(batch)).toArray(), targets);
            }
        }
        return report;
    }

    /** The regression report on texts in memory with their targets, against the constant {@code baseline}. */
    public static RegressionReport regression(Model model, double baseline, List<String> texts, float[] targets) {
        RegressionReport report = new RegressionReport(baseline);
        for (int start = 0; start < texts.size(); start += BATCH) {
            int end = Math.min(texts.size(), start + BATCH);
            report.add(model.predict(texts.subList(start, end)).toArray(), java.util.Arrays.copyOfRange(targets, start, end));
        }
        return report;
    }

    /** Reads {@code rows} (numbers checked by the reader) to the end into a regression report. */
    public static RegressionReport regression(Model model, double baseline, CorpusCursor rows) {
        RegressionReport report = new RegressionReport(baseline);
        try (rows) {
            for (List<CorpusRow> batch = rows.nextBatch(BATCH); !batch.isEmpty(); batch = rows.nextBatch(BATCH)) {
                float[] targets = new float[batch.size()];
                for (int i = 0; i < targets.length; i++) {
                    targets[i] = Float.parseFloat(batch.get(i).labels().getFirst());
                }
                report.add(model.predict(texts(batch)).toArray(), targets);
            }
        }
        return report;
    }

    /** The model's row-major outputs for {@code texts}, predicted a batch at a time. */
    public static float[] probabilities(Model model, List<String> texts) {
        float[] all = null;
        for (int start = 0; start < texts.size(); start += BATCH) {
            int end = Math.min(texts.size(), start + BATCH);
            org.neurite.tensor.Tensor out = model.predict(texts.subList(start, end));   // (batch, outputs)
            if (all == null) {
                all = new float[texts.size() * out.dim(1)];
            }
            System.arraycopy(out.toArray(), 0, all, start * out.dim(1), (end - start) * out.dim(1));
        }
        return all == null ? new float[0] : all;
    }

    private static List<String> texts(List<CorpusRow> batch) {
        List<String> texts = new ArrayList<>(batch.size());
        batch.forEach(row -> texts.add(row.text()));
        return texts;
    }

    private static int labelId(LabelMapping labels, String label, long line) {
        int id = labels.classes().indexOf(label);
        if (id < 0) {
            throw new DatasetException("line " + line + ": label '" + label + "' is not one the model was trained on, "
                    + labels.classes());
        }
        return id;
    }

    private static void add(ClassificationReport report, Model model, List<String> texts, int[] ids) {
        report.add(texts, ids, ClassProbabilities.of(model.predict(texts), report.classes().size()));
    }

    private static int idOf(LabelMapping classes, CorpusRow row) {
        if (row.labels().size() != 1) {
            throw new DatasetException("line " + row.line() + ": expected one class, found " + row.labels());
        }
        String label = row.labels().getFirst();
        int id = classes.classes().indexOf(label);
        if (id < 0) {
            throw new DatasetException("line " + row.line() + ": class '" + label
                    + "' is not one the model was trained on, " + classes.classes());
        }
        return id;
    }
}
