package org.neurite.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Rows of a folder with one sub-folder per class, each holding {@code .txt} files, one text per
 * file: the layout of Keras' {@code text_dataset_from_directory}. Classes are the sub-folder names
 * sorted; files are read in sorted order, one at a time.
 */
final class FolderRowSource implements RowSource {
    private final Charset charset;
    private final Iterator<Path> files;
    private Path current;

    FolderRowSource(Path root, Charset charset) throws IOException {
        this.charset = charset;
        List<Path> all = new ArrayList<>();
        for (Path classFolder : classFolders(root)) {
            try (Stream<Path> list = Files.list(classFolder)) {
                list.filter(f -> f.getFileName().toString().endsWith(".txt") && Files.isRegularFile(f))
                        .sorted().forEach(all::add);
            }
        }
        this.files = all.iterator();
        this.current = root;
    }

    /** The class sub-folders of {@code root}, sorted by name, or a clear error when there are none. */
    static List<Path> classFolders(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new DatasetException(root + ": not a folder; expected a folder with one sub-folder of .txt files per class");
        }
        try (Stream<Path> list = Files.list(root)) {
            List<Path> folders = list.filter(Files::isDirectory).sorted().toList();
            if (folders.isEmpty()) {
                throw new DatasetException(root + ": no sub-folders; expected one sub-folder of .txt files per class");
            }
            return folders;
        }
    }

    @Override
    public CorpusRow next() throws IOException {
        if (!files.hasNext()) {
            return null;
        }
        current = files.next();
        StringBuilder text = new StringBuilder();
        try (Reader reader = new StrictDecodingReader(Files.newInputStream(current), charset, current.toString())) {
            char[] buffer = new char[8192];
            for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
                text.append(buffer, 0, n);
            }
        }
        if (text.toString().isBlank()) {
            throw new BadRowException("empty text");
        }
        return new CorpusRow(1, text.toString(), List.of(current.getParent().getFileName().toString()));
    }

    @Override
    public String position() {
        return current.toString();
    }

    @Override
    public void close() {
        // Each file is closed as soon as it is read.
    }
}
