package org.neurite.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeftoversTest {
    /** Far above any process id Linux hands out (at most 2^22), so no such process is alive. */
    private static final long DEAD_PROCESS = 999_999_999L;

    @TempDir
    Path folder;

    @Test
    void removesOnlyOldEntriesOfDeadWritersWithTheGivenName() throws IOException {
        long alive = ProcessHandle.current().parent().map(ProcessHandle::pid).orElseThrow();
        Path own = Files.createFile(folder.resolve(".m.neurite." + Leftovers.tag() + "aa.tmp"));
        old(Files.writeString(folder.resolve(".m.neurite." + DEAD_PROCESS + "-1f.tmp"), "x".repeat(1000)));
        old(Files.writeString(folder.resolve(".m.neurite.2e.tmp"), "from a version without ids"));
        old(Files.writeString(folder.resolve(".m.neurite." + alive + "-3d.tmp"), "a save still running"));
        Files.writeString(folder.resolve(".m.neurite." + DEAD_PROCESS + "-4c.tmp"), "newer than this process");
        old(Files.writeString(folder.resolve(".m.neurite.notes.txt.tmp"), "not a temporary name"));
        old(Files.writeString(folder.resolve("m.neurite"), "the model"));

        int removed = Leftovers.removeStale(folder, ".m.neurite.", ".tmp", own, "interrupted saves");

        assertEquals(2, removed);
        assertEquals(Set.of(own.getFileName().toString(), ".m.neurite." + alive + "-3d.tmp",
                ".m.neurite." + DEAD_PROCESS + "-4c.tmp", ".m.neurite.notes.txt.tmp", "m.neurite"), names());
    }

    @Test
    void readsTheWritersIdFromTheName() {
        assertEquals(Optional.of(4711L), Leftovers.writerId("4711-1f3a.tmp"));
        assertEquals(Optional.empty(), Leftovers.writerId("1f3a.tmp"));
        assertEquals(Optional.empty(), Leftovers.writerId("bak.4711-1f.tmp"));
    }

    private static void old(Path path) throws IOException {
        Files.setLastModifiedTime(path, FileTime.from(Instant.now().minus(Duration.ofDays(1))));
    }

    private Set<String> names() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}
