package org.neurite.data;

/**
 * What a corpus reader does with a row it cannot use: a wrong number of fields, an empty text, a
 * missing field, a target that is not a number.
 *
 * <pre>{@code
 * TextCorpus corpus = TextDatasets.csv(path).text("body").label("category")
 *         .onBadRow(BadRowPolicy.SKIP).read();
 * System.out.println(corpus.skippedRows() + " rows skipped");
 * }</pre>
 */
public enum BadRowPolicy {
    /** Stop at the first bad row with a {@link DatasetException} naming the file and line. */
    FAIL,
    /** Leave the row out, count it, and keep the first few messages for a report. */
    SKIP
}
