package org.neurite.data;

import java.io.IOException;
import java.nio.file.Path;

/** Fetches one dataset's files from wherever they are published. */
@FunctionalInterface
interface Fetcher {
    /**
     * Writes the dataset's files into {@code target}, an empty folder.
     *
     * @param scratch an empty folder for downloads and unpacking, deleted afterwards
     * @throws DatasetException if the client is missing or fails, with what to do instead
     */
    void fetch(Path target, Path scratch) throws IOException;
}
