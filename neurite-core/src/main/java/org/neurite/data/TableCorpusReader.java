package org.neurite.data;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Reads a corpus from a CSV/TSV file (with a header row) or a JSON-lines file: which columns hold
 * the text and the labels, the delimiter, the encoding and what to do with bad rows. Made by
 * {@link TextDatasets#csv}, {@link TextDatasets#tsv} and {@link TextDatasets#jsonLines}.
 *
 * <pre>{@code
 * TextCorpus tickets = TextDatasets.csv(path)
 *         .text("subject", "body")          // joined with a space
 *         .label("category")                // string classes, ids in sorted order
 *         .onBadRow(BadRowPolicy.SKIP)
 *         .read();
 * TextCorpus reviews = TextDatasets.jsonLines(path).text("review").target("stars").read();
 * TextCorpus tagged = TextDatasets.jsonLines(path).text("t").labels("tags", "|").read();
 * }</pre>
 *
 * <p>{@link #read()} holds the corpus in memory; {@link #stream()} reads it row by row.
 */
public final class TableCorpusReader {
    /** The file formats this reader knows. */
    enum Format { CSV, JSON_LINES }

    private final Path path;
    private final Format format;
    private char delimiter;
    private Charset encoding = StandardCharsets.UTF_8;
    private BadRowPolicy badRows = BadRowPolicy.FAIL;
    private List<String> textColumns = List.of();
    private String textJoiner = " ";
    private ColumnSpec.Labels labels = ColumnSpec.Labels.NONE;
    private List<String> labelColumns = List.of();
    private String labelSeparator;
    private boolean keepFields;

    TableCorpusReader(Path path, Format format, char delimiter) {
        this.path = Objects.requireNonNull(path, "path");
        this.format = format;
        this.delimiter = delimiter;
    }

    /** The columns whose values, joined, make each text (required). */
    public TableCorpusReader text(String... columns) {
        this.textColumns = List.of(columns);
        return this;
    }

    /** What to put between several text columns; a space unless set. */
    public TableCorpusReader textJoiner(String joiner) {
        this.textJoiner = Objects.requireNonNull(joiner, "joiner");
        return this;
    }

    /** One class per text, from this column: binary with two classes, multi-class with more. */
    public TableCorpusReader label(String column) {
        return labels(ColumnSpec.Labels.CLASS, List.of(column), null);
    }

    /**
     * Several classes per text, from one column split on {@code separator} (in JSON lines, an
     * array of strings also works).
     */
    public TableCorpusReader labels(String column, String separator) {
        if (separator == null || separator.isEmpty()) {
            throw new IllegalArgumentException("a multi-label separator must not be empty");
        }
        return labels(ColumnSpec.Labels.SEPARATED, List.of(column), separator);
    }

    /** Several classes per text, one 0/1 (or true/false, yes/no) column per class, named after it. */
    public TableCorpusReader labelColumns(String... columns) {
        if (columns.length == 0) {
            throw new IllegalArgumentException("name at least one label column");
        }
        return labels(ColumnSpec.Labels.COLUMNS, List.of(columns), null);
    }

    /** A number per text from this column (regression), such as a star rating. */
    public TableCorpusReader target(String column) {
        return labels(ColumnSpec.Labels.TARGET, List.of(column), null);
    }

    /** The field delimiter of a CSV file: {@code ','} for {@link TextDatasets#csv}, tab for TSV. */
    public TableCorpusReader delimiter(char delimiter) {
        this.delimiter = delimiter;
        return this;
    }

    /** The file's encoding, UTF-8 unless set; bytes not valid in it stop the read with their line. */
    public TableCorpusReader encoding(Charset encoding) {
        this.encoding = Objects.requireNonNull(encoding, "encoding");
        return this;
    }

    /** Stop at the first bad row ({@link BadRowPolicy#FAIL}, the default) or skip bad rows. */
    public TableCorpusReader onBadRow(BadRowPolicy policy) {
        this.badRows = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /**
     * Keeps every field of each row in {@link CorpusRow#fields()} (for a JSON-lines row, its
     * top-level fields), so that scored rows can be written out with their original columns.
     */
    public TableCorpusReader keepFields() {
        this.keepFields = true;
        return this;
    }

    /** Opens the file for a streaming read; a missing column fails here, naming those there are. */
    public CorpusCursor stream() {
        ColumnSpec spec = new ColumnSpec(textColumns, textJoiner, labels, labelColumns, labelSeparator, keepFields);
        try {
            RowSource source = format == Format.CSV
                    ? new CsvRowSource(path, delimiter, encoding, spec)
                    : new JsonLinesRowSource(path, encoding, spec);
            return new CorpusCursor(source, badRows);
        } catch (NoSuchFileException e) {
            throw new DatasetException(path + ": no such file");
        } catch (IOException e) {
            throw new DatasetException(path + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads the whole corpus into memory and encodes its labels. */
    public TextCorpus read() {
        LabelMapping known = labels == ColumnSpec.Labels.COLUMNS ? new LabelMapping(labelColumns) : null;
        String name = path + ": " + (labelColumns.size() == 1 ? "label column '" + labelColumns.getFirst() + "'"
                : "label columns " + labelColumns);
        return TextCorpus.collect(stream(), labels, known, name);
    }

    private TableCorpusReader labels(ColumnSpec.Labels kind, List<String> columns, String separator) {
        this.labels = kind;
        this.labelColumns = columns;
        this.labelSeparator = separator;
        return this;
    }
}
