package org.neurite.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Fetches files from a Debian package: {@code apt-get download NAME} fetches the {@code .deb}
 * (no root needed, nothing installed), {@code dpkg-deb -x} unpacks it into scratch space, and the
 * named files are copied from one folder, gunzipped on the way where the package ships
 * {@code NAME.gz}.
 *
 * <p>dpkg-deb does the unpacking because a {@code .deb}'s payload is xz- or zstd-compressed, which
 * the JDK cannot read.
 */
final class DebianPackageFetcher implements Fetcher {
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration UNPACK_TIMEOUT = Duration.ofMinutes(2);

    private final String packageName;
    private final String folder;
    private final List<String> files;
    private final String advice;
    private final String aptGet;
    private final String dpkgDeb;

    /**
     * @param packageName the Debian package
     * @param folder the absolute folder the package installs the files into
     * @param files the file names wanted, each shipped as NAME or NAME.gz
     * @param advice what to do when the package cannot be fetched
     * @param aptGet the download client, normally {@code apt-get}
     * @param dpkgDeb the unpacking client, normally {@code dpkg-deb}
     */
    DebianPackageFetcher(String packageName, String folder, List<String> files, String advice,
                         String aptGet, String dpkgDeb) {
        this.packageName = packageName;
        this.folder = folder.replaceFirst("^/+", "");
        this.files = List.copyOf(files);
        this.advice = advice;
        this.aptGet = aptGet;
        this.dpkgDeb = dpkgDeb;
    }

    @Override
    public void fetch(Path target, Path scratch) throws IOException {
        String clientAdvice = "Could not fetch Debian package " + packageName + ": this needs apt-get and"
                + " dpkg-deb (Debian or Ubuntu) and a machine that reaches the Debian archive; if apt-get"
                + " cannot locate the package, run 'sudo apt-get update' first. " + advice;
        ExternalCommand.run(List.of(aptGet, "download", packageName), scratch, DOWNLOAD_TIMEOUT, clientAdvice);
        Path unpacked = Files.createDirectory(scratch.resolve("unpacked"));
        ExternalCommand.run(List.of(dpkgDeb, "-x", singleDeb(scratch).toString(), unpacked.toString()),
                scratch, UNPACK_TIMEOUT, clientAdvice);
        for (String file : files) {
            copyOrGunzip(unpacked.resolve(folder), file, target.resolve(file));
        }
    }

    private void copyOrGunzip(Path from, String file, Path to) throws IOException {
        Path plain = from.resolve(file);
        Path gzipped = from.resolve(file + ".gz");
        if (Files.isRegularFile(plain)) {
            Files.copy(plain, to);
        } else if (Files.isRegularFile(gzipped)) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(gzipped), 1 << 16)) {
                Files.copy(in, to);
            } catch (java.util.zip.ZipException e) {
                throw new DatasetException("Debian package " + packageName + ": " + file + ".gz, expected gzip data,"
                        + " found data that is not gzip or is damaged (" + e.getMessage() + "); nothing was cached. "
                        + advice, e);
            }
        } else {
            throw new DatasetException("Debian package " + packageName + " has neither /" + folder + "/" + file
                    + " nor " + file + ".gz; was the package changed? " + advice);
        }
    }

    private Path singleDeb(Path scratch) throws IOException {
        try (DirectoryStream<Path> debs = Files.newDirectoryStream(scratch, packageName + "_*.deb")) {
            for (Path deb : debs) {
                return deb;
            }
        }
        throw new DatasetException("'apt-get download " + packageName + "' succeeded but left no .deb file in "
                + scratch + ". " + advice);
    }
}
