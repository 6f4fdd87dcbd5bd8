package org.neurite.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A save removes the temporary files that killed saves left beside its file, and only those. */
class ModelFileLeftoversTest {
    /** Far above any process id Linux hands out, so no such process is alive. */
    private static final long DEAD_PROCESS = 999_999_999L;

    @TempDir
    Path dir;

    @Test
    void aSaveRemovesTheTemporaryFilesOfKilledSaves() throws IOException {
        Path killed = Files.writeString(dir.resolve(".m.neurite." + DEAD_PROCESS + "-9a3f.tmp"), "half a model");
        Path older = Files.writeString(dir.resolve(".m.neurite.77e1.tmp"), "from a version without ids");
        Path running = Files.writeString(dir.resolve(".m.neurite." + ProcessHandle.current().parent().orElseThrow().pid()
                + "-5b.tmp"), "a save in a process still alive");
        for (Path p : new Path[] {killed, older, running}) {
            Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        }

        ModelFile.save(ModelFileFixtures.sequential(1), dir.resolve("m.neurite"));

        assertEquals(Set.of("m.neurite", running.getFileName().toString()), names());
        ModelFile.load(dir.resolve("m.neurite"));
    }

    private Set<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}
