package org.neurite.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCacheTest {
    private static final Map<String, String> HELLO = Map.of(
            "a.txt", "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"); // sha256("hello")

    @TempDir
    Path root;

    @Test
    void fetchesOnFirstUseThenServesTheVerifiedFolder() throws IOException {
        DatasetCache cache = new DatasetCache(root);
        AtomicInteger fetches = new AtomicInteger();
        Fetcher fetcher = (target, scratch) -> {
            fetches.incrementAndGet();
            Files.writeString(target.resolve("a.txt"), "hello");
        };

        Path first = cache.folder("demo", HELLO, fetcher);
        Path second = cache.folder("demo", HELLO, fetcher);

        assertEquals(root.resolve("demo"), first);
        assertEquals(first, second);
        assertEquals(1, fetches.get());
        assertEquals(Set.of("demo"), namesIn(root));
    }

    @Test
    void refusesACachedFileThatNoLongerMatchesItsSum() throws IOException {
        DatasetCache cache = new DatasetCache(root);
        cache.folder("demo", HELLO, (target, scratch) -> Files.writeString(target.resolve("a.txt"), "hello"));
        Files.writeString(root.resolve("demo/a.txt"), "hellO");

        String message = assertThrows(DatasetException.class,
                () -> cache.folder("demo", HELLO, (target, scratch) -> { })).getMessage();

        assertTrue(message.contains("a.txt: SHA-256 is "), message);
        assertTrue(message.contains("Delete the folder " + root.resolve("demo")), message);
    }

    @Test
    void cachesNothingWhenTheFetchedFilesDoNotMatch() throws IOException {
        DatasetCache cache = new DatasetCache(root);

        String message = assertThrows(DatasetException.class, () -> cache.folder("demo", HELLO,
                (target, scratch) -> Files.writeString(target.resolve("a.txt"), "goodbye"))).getMessage();

        assertTrue(message.contains("expected 2cf24dba"), message);
        assertEquals(Set.of(), namesIn(root));
    }

    @Test
    void cachesNothingWhenTheFetchFailsHalfWay() throws IOException {
        DatasetCache cache = new DatasetCache(root);

        assertThrows(DatasetException.class, () -> cache.folder("demo", HELLO, (target, scratch) -> {
            Files.writeString(target.resolve("a.txt"), "hel");
            throw new DatasetException("network went away");
        }));

        assertEquals(Set.of(), namesIn(root));
    }

    @Test
    void theSystemPropertyWinsOverTheEnvironmentVariable() {
        Map<String, String> both = Map.of("p", "/from/property", "E", "/from/env");
        Map<String, String> envOnly = Map.of("p", " ", "E", "/from/env");

        assertEquals(Optional.of(Path.of("/from/property")),
                DatasetCache.configuredPath("p", "E", both::get, both::get));
        assertEquals(Optional.of(Path.of("/from/env")),
                DatasetCache.configuredPath("p", "E", envOnly::get, envOnly::get));
        assertEquals(Optional.empty(), DatasetCache.configuredPath("p", "E", name -> null, name -> null));
    }

    private static Set<String> namesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    @Test
    void aFileNamedAsTheCacheIsRefusedNamingTheSettings() throws IOException {
        Path file = Files.writeString(root.resolve("passwd"), "root:x:0:0");
        DatasetCache cache = new DatasetCache(file);

        String message = assertThrows(DatasetException.class, () -> cache.folder("demo", HELLO,
                (target, scratch) -> Files.writeString(target.resolve("a.txt"), "hello"))).getMessage();

        assertEquals("dataset cache " + file + ": expected a folder, found a file; point neurite.data.dir or"
                + " NEURITE_DATA_DIR at a folder", message);
    }

    @Test
    void aReadOnlyCacheIsRefusedWithTheReason() throws IOException {
        Path readOnly = Files.createDirectories(root.resolve("ro"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(readOnly), "running as root");
            DatasetCache cache = new DatasetCache(readOnly.resolve("cache"));

            String message = assertThrows(DatasetException.class, () -> cache.folder("demo", HELLO,
                    (target, scratch) -> Files.writeString(target.resolve("a.txt"), "hello"))).getMessage();

            assertTrue(message.startsWith("dataset cache " + readOnly.resolve("cache") + ": cannot write there ("),
                    message);
            assertTrue(message.endsWith("at a writable folder"), message);
        } finally {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aFolderWhereACachedFileShouldBeIsReportedAsAFolder() throws IOException {
        Files.createDirectories(root.resolve("demo/a.txt"));

        String message = assertThrows(DatasetException.class, () -> new DatasetCache(root).folder("demo", HELLO,
                (target, scratch) -> { })).getMessage();

        assertTrue(message.startsWith(root.resolve("demo/a.txt") + ": expected a file, found a folder"), message);
    }

    @Test
    void aKilledFetchsFolderIsRemovedByTheNextFetchButARunningOnesIsKept() throws IOException {
        Path killed = Files.createDirectories(root.resolve(".demo-fetching-1234567890"));   // no process id: old
        Files.writeString(killed.resolve("partial"), "hel");
        Path running = Files.createDirectories(root.resolve(".demo-fetching-" + Leftovers.tag() + "77"));
        Path other = Files.createDirectories(root.resolve(".other-fetching-55"));
        for (Path p : List.of(killed, running, other)) {
            Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(Duration.ofDays(1))));
        }

        new DatasetCache(root).folder("demo", HELLO, (target, scratch) -> Files.writeString(target.resolve("a.txt"), "hello"));

        assertEquals(Set.of("demo", running.getFileName().toString(), other.getFileName().toString()), namesIn(root));
    }
}
