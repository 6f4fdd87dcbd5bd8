package org.neurite.cli.report;

import java.util.ArrayList;
import java.util.List;
import org.neurite.data.CorpusCursor;
import org.neurite.data.CorpusRow;
import org.neurite.data.DatasetException;
import org.neurite.data.LabelMapping;
import org.neurite.models.Model;

/**
 * Scores labelled texts with a saved classifier into a {@link ClassificationReport}, a batch at a
 * time: from a streamed file (only the batch and the report's per-text probabilities are held) or
 * from texts in memory.
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
