package org.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The command line builds only the subcommand it was asked for (a shorter start), and still shows
 * every command wherever a user could need to see them.
 */
class MainSubcommandsTest {
    private static final int ALL_COMMANDS = 14;

    @Test
    void aCommandLineThatNamesACommandGetsOnlyThatCommand() {
        assertEquals(List.of(PredictCommand.class), Main.subcommandsFor("predict", "--model", "m.neurite", "--text", "x"));
        assertEquals(List.of(SummaryCommand.class), Main.subcommandsFor("--debug", "summary", "mnist-mlp"));
    }

    @Test
    void helpAndUnknownNamesGetEveryCommand() {
        assertEquals(ALL_COMMANDS, Main.subcommandsFor().size());
        assertEquals(ALL_COMMANDS, Main.subcommandsFor("--help").size());
        assertEquals(ALL_COMMANDS, Main.subcommandsFor("--version", "predict").size());
        assertEquals(ALL_COMMANDS, Main.subcommandsFor("predcit", "--model", "m.neurite").size());
        assertEquals(ALL_COMMANDS, Main.subcommandsFor("--model", "predict").size());
    }

    @Test
    void versionAloneGetsNoCommandAndPrintsTheVersion() {
        assertEquals(List.of(), Main.subcommandsFor("--version"));
        assertEquals(List.of(), Main.subcommandsFor("-V"));
        CommandRun run = CommandRun.of("--version");

        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().startsWith("neurite "), run.out());
    }

    @Test
    void topLevelHelpListsEveryVisibleCommandInOrder() {
        CommandRun run = CommandRun.of("--help");

        assertEquals(0, run.status(), run.err());
        List<String> listed = run.out().lines().dropWhile(l -> !l.equals("Commands:")).skip(1)
                .filter(l -> l.matches("  \\S.*")).map(l -> l.strip().split("\\s+")[0]).toList();
        assertEquals(List.of("train", "summary", "evaluate", "predict", "explain", "import", "export", "export-data",
                "bench", "generate", "suggest", "translate", "forecast"), listed);
        assertFalse(run.out().contains("warm-up"), "the hidden command stays hidden");
    }

    @Test
    void aMisspeltCommandIsAOneLineUsageError() {
        CommandRun run = CommandRun.of("predcit", "--model", "m.neurite");

        assertEquals(2, run.status());
        assertTrue(run.failedWithOneLine(), run.err());
        assertTrue(run.err().contains("'predcit'"), run.err());
    }

    @Test
    void aCommandsOwnHelpNamesItsOptions() {
        CommandRun run = CommandRun.of("predict", "--help");

        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().startsWith("Usage: neurite predict"), run.out());
        assertTrue(run.out().contains("--model=<file>"), run.out());
    }
}
