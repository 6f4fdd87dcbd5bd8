package org.neurite.cli.recipes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.neurite.data.BadRowPolicy;
import org.neurite.data.CorpusCursor;
import org.neurite.data.TableCorpusReader;
import org.neurite.data.TextCorpus;
import org.neurite.data.TextDatasets;

/**
 * A corpus named on the command line: a {@code .csv}, {@code .tsv} or {@code .jsonl}/{@code .ndjson}
 * file with the text columns (comma-separated, joined) and the label column, or a folder with one
 * sub-folder per class. Shared by {@code train text-classifier}, {@code evaluate} and {@code predict}
 * so that all three read a file the same way.
 *
 * <pre>{@code
 * TextCorpus corpus = new CorpusFile(Path.of("tickets.csv"), "subject,body", "category", false).read();
 * }</pre>
 *
 * @param path the file or folder
 * @param text the text column(s), {@code a,b} for several; ignored for a folder
 * @param label the label column, or null to read texts only; ignored for a folder. Several columns
 *     ({@code a,b,c}) are the 0/1 columns of a multi-label corpus, one per label
 * @param skipBadRows skip rows with a wrong number of fields or an empty text (else stop at the first)
 * @param separator splits the label column into several labels (multi-label), or null for one class
 * @param target whether the label column holds a number (regression)
 */
public record CorpusFile(Path path, String text, String label, boolean skipBadRows, String separator, boolean target) {
    /** A corpus with one class per text. */
    public CorpusFile(Path path, String text, String label, boolean skipBadRows) {
        this(path, text, label, skipBadRows, null, false);
    }

    /** Whether the labels name several classes per text: split on a separator, or one 0/1 column each. */
    public boolean isMultiLabel() {
        return label != null && !target && (separator != null || label.contains(","));
    }

    /** Whether the corpus is a folder of class folders. */
    public boolean isFolder() {
        return Files.isDirectory(path);
    }

    /** The whole corpus in memory, labels encoded. */
    public TextCorpus read() {
        return isFolder() ? TextDatasets.folder(path).onBadRow(badRows()).read() : table().read();
    }

    /**
     * A streaming read; {@code keepFields} keeps every column of each row (a folder has none).
     */
    public CorpusCursor stream(boolean keepFields) {
        if (isFolder()) {
            return TextDatasets.folder(path).onBadRow(badRows()).stream();
        }
        TableCorpusReader reader = table();
        return keepFields ? reader.keepFields().stream() : reader.stream();
    }

    private TableCorpusReader table() {
        if (text == null) {
            throw new IllegalArgumentException(path + ": name the text column with --text COL");
        }
        String file = path.getFileName().toString().toLowerCase(Locale.ROOT);
        TableCorpusReader reader = file.endsWith(".jsonl") || file.endsWith(".ndjson") ? TextDatasets.jsonLines(path)
                : file.endsWith(".tsv") ? TextDatasets.tsv(path) : TextDatasets.csv(path);
        reader.text(text.split(",")).onBadRow(badRows());
        if (label == null) {
            return reader;
        }
        if (target) {
            return reader.target(label);
        }
        if (separator != null) {
            return reader.labels(label, separator);
        }
        return label.contains(",") ? reader.labelColumns(label.split(",")) : reader.label(label);
    }

    private BadRowPolicy badRows() {
        return skipBadRows ? BadRowPolicy.SKIP : BadRowPolicy.FAIL;
    }
}
