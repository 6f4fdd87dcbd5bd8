package org.neurite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarReaderTest {
    private static final String LONG_NAME = "package/data/" + "x".repeat(120);

    @TempDir
    Path dir;

    @Test
    void readsTheWantedEntriesIntoMemoryInArchiveOrder() throws IOException {
        byte[] tar = TarFixtures.tar(TarFixtures.files("package/a.txt", "first", "package/skip.md", "no",
                LONG_NAME, "long"));
        java.util.List<String> seen = new java.util.ArrayList<>();

        TarReader.read(new ByteArrayInputStream(tar), "test.tar", name -> !name.endsWith(".md"), 100,
                (name, bytes) -> seen.add(name + "=" + new String(bytes, java.nio.charset.StandardCharsets.UTF_8)));

        assertEquals(java.util.List.of("package/a.txt=first", LONG_NAME + "=long"), seen);
    }

    @Test
    void aWantedEntryOverTheSizeLimitIsRefusedNamingIt() throws IOException {
        byte[] tar = TarFixtures.tar(TarFixtures.files("package/huge.txt", new byte[2048]));

        String message = assertThrows(DatasetException.class, () -> TarReader.read(new ByteArrayInputStream(tar),
                "test.tar", name -> true, 1024, (name, bytes) -> { })).getMessage();

        assertTrue(message.contains("package/huge.txt has 2048 bytes, expected at most 1024"), message);
    }

    @Test
    void extractsOnlyTheChosenFilesFromAGzippedTar() throws IOException {
        byte[] big = new byte[1300];
        Arrays.fill(big, (byte) 7);
        byte[] tgz = TarFixtures.gzip(TarFixtures.tar(TarFixtures.files(
                "package/readme.md", "skip me", "package/data/big", big, LONG_NAME, "long")));

        Set<String> written;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(tgz))) {
            written = TarReader.extract(in, "test.tgz",
                    name -> name.startsWith("package/data/") ? dir.resolve(name.length() > 100 ? "long" : "big") : null);
        }

        assertEquals(Set.of("package/data/big", LONG_NAME), written);
        assertArrayEquals(big, Files.readAllBytes(dir.resolve("big")));
        assertEquals("long", Files.readString(dir.resolve("long")));
        assertFalse(Files.exists(dir.resolve("readme.md")));
    }

    @Test
    void refusesAnArchiveCutInTheMiddleOfAnEntry() throws IOException {
        byte[] tar = TarFixtures.tar(TarFixtures.files("package/data/big", new byte[2000]));
        byte[] cut = Arrays.copyOf(tar, 512 + 512 + 1000);

        DatasetException e = assertThrows(DatasetException.class, () -> TarReader.extract(
                new ByteArrayInputStream(cut), "cut.tar", name -> dir.resolve("big")));

        assertTrue(e.getMessage().contains("cut.tar") && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void refusesAHeaderWhoseChecksumDoesNotMatch() throws IOException {
        byte[] tar = TarFixtures.tar(TarFixtures.files("package/a", "a"));
        tar[512 + 3] ^= 1;

        DatasetException e = assertThrows(DatasetException.class, () -> TarReader.extract(
                new ByteArrayInputStream(tar), "bad.tar", name -> null));

        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }
}
