package org.neurite.data;

import java.nio.file.Path;

/**
 * Entry points for reading a user's own corpus: a CSV or TSV file, a JSON-lines file, or a folder
 * with one sub-folder of {@code .txt} files per class.
 *
 * <pre>{@code
 * TextCorpus tickets = TextDatasets.csv(Path.of("tickets.csv")).text("body").label("category").read();
 * TextCorpus reviews = TextDatasets.jsonLines(Path.of("reviews.jsonl")).text("text").target("stars").read();
 * TextCorpus mail = TextDatasets.folder(Path.of("mail")).read();
 * try (CorpusCursor rows = TextDatasets.tsv(Path.of("big.tsv")).text("t").stream()) {
 *     rows.forEachRemaining(row -> score(row.text()));
 * }
 * }</pre>
 */
public final class TextDatasets {
    private TextDatasets() {
    }

    /** A comma-separated file whose first row names the columns. */
    public static TableCorpusReader csv(Path path) {
        return new TableCorpusReader(path, TableCorpusReader.Format.CSV, ',');
    }

    /** A tab-separated file whose first row names the columns. */
    public static TableCorpusReader tsv(Path path) {
        return new TableCorpusReader(path, TableCorpusReader.Format.CSV, '\t');
    }

    /** A file of one JSON object per line; fields are the columns. */
    public static TableCorpusReader jsonLines(Path path) {
        return new TableCorpusReader(path, TableCorpusReader.Format.JSON_LINES, ',');
    }

    /** A folder with one sub-folder of {@code .txt} files per class (Keras' layout). */
    public static FolderCorpusReader folder(Path root) {
        return new FolderCorpusReader(root);
    }
}
