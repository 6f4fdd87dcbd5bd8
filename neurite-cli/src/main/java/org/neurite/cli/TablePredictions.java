package org.neurite.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.neurite.data.CorpusCursor;
import org.neurite.data.CorpusRow;
import org.neurite.models.Model;

/**
 * {@code neurite predict --input FILE --text COL} on a table (CSV, TSV or JSON lines): each row
 * written back as CSV with its original columns, then {@code predicted_label},
 * {@code predicted_probability} and one {@code probability_<class>} column per class (for
 * multi-label and regression models, the columns {@link PredictionColumns} names), a batch at a
 * time so that a file larger than memory streams. The columns are the header's (for JSON lines,
 * the first object's fields; a later object's missing field is written empty, an extra one left out).
 */
final class TablePredictions {
    private final Model model;
    private final PredictionColumns predictions;
    private final PrintStream out;
    private List<String> columns;

    TablePredictions(Model model, PredictionColumns predictions, PrintStream out) {
        this.model = model;
        this.predictions = predictions;
        this.out = out;
    }

    /** Reads {@code rows} to the end, writing one CSV row each; empty input writes nothing. */
    void write(CorpusCursor rows) {
        try (rows) {
            for (List<CorpusRow> batch = rows.nextBatch(PredictCommand.BATCH); !batch.isEmpty();
                    batch = rows.nextBatch(PredictCommand.BATCH)) {
                writeBatch(batch);
            }
        } finally {
            out.flush();
        }
        if (rows.skippedRows() > 0) {
            System.err.println("warning: skipped " + rows.skippedRows() + " bad rows; the first: "
                    + rows.skipMessages().getFirst());
        }
    }

    private void writeBatch(List<CorpusRow> batch) {
        if (columns == null) {
            columns = List.copyOf(batch.getFirst().fields().keySet());
            out.println(header());
        }
        List<String> texts = new ArrayList<>(batch.size());
        batch.forEach(row -> texts.add(row.text()));
        List<List<String>> added = predictions.cells(model.predict(texts));
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < batch.size(); i++) {
            line.setLength(0);
            for (String column : columns) {
                String value = batch.get(i).fields().get(column);
                line.append(CsvCells.quoted(value == null ? "" : value)).append(',');
            }
            line.append(String.join(",", added.get(i).stream().map(CsvCells::quoted).toList()));
            out.println(line);
        }
    }

    private String header() {
        List<String> names = new ArrayList<>(columns);
        names.addAll(predictions.header());
        return String.join(",", names.stream().map(CsvCells::quoted).toList());
    }
}
