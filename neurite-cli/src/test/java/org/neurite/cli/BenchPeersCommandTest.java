package org.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code neurite bench peers} outside a checkout stops with one line naming what it looked for. */
class BenchPeersCommandTest {
    @Test
    void aFolderWithoutThePeersScriptIsRefusedInOneLine(@TempDir Path empty) {
        CommandRun run = CommandRun.of("bench", "peers", "--quick", "--home", empty.toString());
        assertTrue(run.failedWithOneLine(), run.err());
        assertTrue(run.err().contains("expected the peers' script at " + empty.resolve("neurite-bench/peers/peer.sh")),
                run.err());
    }
}
