package org.neurite.spark;

import java.io.Serial;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.neurite.models.Model;

/**
 * Scores one partition in batches of {@link #BATCH} rows: each output row is the input row followed
 * by the {@link ScoreColumns} (all null for a null text). Rows are read lazily, one batch
 * ahead, so a partition of any size streams; an empty partition gives no rows and loads nothing.
 */
final class PartitionScorer implements MapPartitionsFunction<Row, Row> {
    @Serial
    private static final long serialVersionUID = 1L;
    /** Texts scored together: the batch of {@code neurite predict}. */
    static final int BATCH = 256;

    private final ModelBroadcast model;
    private final int textIndex;
    private final ScoreColumns columns;

    PartitionScorer(ModelBroadcast model, int textIndex, ScoreColumns columns) {
        this.model = model;
        this.textIndex = textIndex;
        this.columns = columns;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        return new Iterator<>() {
            private final List<Row> scored = new ArrayList<>(BATCH);
            private int next;

            @Override
            public boolean hasNext() {
                if (next == scored.size()) {
                    scoreNextBatch(rows, scored);
                    next = 0;
                }
                return next < scored.size();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return scored.get(next++);
            }
        };
    }

    private void scoreNextBatch(Iterator<Row> rows, List<Row> out) {
        out.clear();
        List<Row> batch = new ArrayList<>(BATCH);
        List<String> texts = new ArrayList<>(BATCH);
        while (batch.size() < BATCH && rows.hasNext()) {
            Row row = rows.next();
            batch.add(row);
            if (!row.isNullAt(textIndex)) {
                texts.add(row.getString(textIndex));
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        List<Object[]> scores = texts.isEmpty() ? List.of() : scored(texts);
        int t = 0;
        for (Row row : batch) {
            Object[] added = row.isNullAt(textIndex) ? columns.nulls() : scores.get(t++);
            Object[] values = new Object[row.length() + added.length];
            for (int i = 0; i < row.length(); i++) {
                values[i] = row.get(i);
            }
            System.arraycopy(added, 0, values, row.length(), added.length);
            out.add(RowFactory.create(values));
        }
    }

    /** The batch's scores; a failure (a model that cannot load or run here) names the file and the partition. */
    private List<Object[]> scored(List<String> texts) {
        try {
            Model loaded = model.model();
            return columns.score(loaded, texts);
        } catch (RuntimeException e) {
            throw new IllegalStateException(model.fileName() + ": scoring partition " + TaskContext.getPartitionId()
                    + " failed: " + e.getMessage(), e);
        }
    }
}
