package org.neurite.data;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads a folder of texts with one sub-folder per class, Keras' {@code text_dataset_from_directory}
 * layout: {@code root/ham/a.txt}, {@code root/spam/b.txt}. Class ids follow the sub-folder names
 * sorted alphabetically; each {@code .txt} file is one text. Made by {@link TextDatasets#folder}.
 *
 * <pre>{@code
 * TextCorpus mail = TextDatasets.folder(Path.of("mail")).read();
 * mail.classes();   // [ham, spam]
 * }</pre>
 */
public final class FolderCorpusReader {
    private final Path root;
    private Charset encoding = StandardCharsets.UTF_8;
    private BadRowPolicy badRows = BadRowPolicy.FAIL;

    FolderCorpusReader(Path root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    /** The files' encoding, UTF-8 unless set. */
    public FolderCorpusReader encoding(Charset encoding) {
        this.encoding = Objects.requireNonNull(encoding, "encoding");
        return this;
    }

    /** Stop at the first empty file ({@link BadRowPolicy#FAIL}, the default) or skip such files. */
    public FolderCorpusReader onBadRow(BadRowPolicy policy) {
        this.badRows = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /** The classes, the sub-folder names sorted, in id order. */
    public LabelMapping classes() {
        try {
            return new LabelMapping(FolderRowSource.classFolders(root).stream()
                    .map(p -> p.getFileName().toString()).toList());
        } catch (IOException e) {
            throw new DatasetException(root + ": cannot list: " + e.getMessage(), e);
        }
    }

    /** Reads file by file; each row's one label is its sub-folder's name. */
    public CorpusCursor stream() {
        try {
            return new CorpusCursor(new FolderRowSource(root, encoding), badRows);
        } catch (IOException e) {
            throw new DatasetException(root + ": cannot list: " + e.getMessage(), e);
        }
    }

    /** Reads every text into memory, labelled by sub-folder; one class folder alone is an error. */
    public TextCorpus read() {
        return TextCorpus.collect(stream(), ColumnSpec.Labels.CLASS, classes(), root + ": the class folders");
    }
}
