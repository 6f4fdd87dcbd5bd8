package org.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code neurite bench peers}'s bad arguments stop it with one line naming what was expected and found. */
class BenchPeersCommandTest {
    @Test
    void aFolderWithoutThePeersScriptIsRefusedInOneLine(@TempDir Path empty) {
        CommandRun run = CommandRun.of("bench", "peers", "--quick", "--home", empty.toString());
        assertTrue(run.failedWithOneLine(), run.err());
        assertTrue(run.err().contains("expected the peers' script at " + empty.resolve("neurite-bench/peers/peer.sh")),
                run.err());
    }

    @Test
    void anUnknownWorkloadIsRefusedInOneLineBeforeAnythingRuns(@TempDir Path empty) {
        CommandRun run = CommandRun.of("bench", "peers", "--quick", "--workloads", "W1,W9", "--home", empty.toString());
        assertTrue(run.failedWithOneLine(), run.err());
        assertTrue(run.err().contains("--workloads: expected W1, W2, W3 or W4, found 'W9'"), run.err());
    }
}
