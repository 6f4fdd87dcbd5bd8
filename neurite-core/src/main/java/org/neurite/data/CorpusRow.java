package org.neurite.data;

import java.util.List;
import java.util.Map;

/**
 * One text of a user's corpus as read, before its labels are turned into ids.
 *
 * @param line the line of the file where the row starts (1-based; for a folder of files, 1)
 * @param text the text, several text columns joined by the reader's separator
 * @param labels the raw label values: one for a class or a target, any number for multi-label,
 *     none when the reader has no label
 * @param fields every field of the row by column name, in file order, when the reader was asked
 *     to keep them ({@link TableCorpusReader#keepFields()}), so that a scored row can be written
 *     back whole; else empty
 */
public record CorpusRow(long line, String text, List<String> labels, Map<String, String> fields) {
    public CorpusRow {
        labels = List.copyOf(labels);
        // most rows keep no fields: no map is made for them (a streamed corpus makes millions of rows)
        fields = fields.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }

    /** A row without its other fields. */
    public CorpusRow(long line, String text, List<String> labels) {
        this(line, text, labels, Map.of());
    }
}
