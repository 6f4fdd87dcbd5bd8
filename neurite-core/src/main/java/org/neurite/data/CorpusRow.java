package org.neurite.data;

import java.util.List;

/**
 * One text of a user's corpus as read, before its labels are turned into ids.
 *
 * @param line the line of the file where the row starts (1-based; for a folder of files, 1)
 * @param text the text, several text columns joined by the reader's separator
 * @param labels the raw label values: one for a class or a target, any number for multi-label,
 *     none when the reader has no label
 */
public record CorpusRow(long line, String text, List<String> labels) {
    public CorpusRow {
        labels = List.copyOf(labels);
    }
}
