package org.neurite.cli.bench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** A real child process: its output, its failure reason, its environment, its peak memory, and the timeout. */
@EnabledOnOs(OS.LINUX)
class SystemProcessRunnerTest {
    private final SystemProcessRunner runner = new SystemProcessRunner();

    @Test
    void collectsOutputExitStatusAndTheLastErrorLine() {
        RunResult r = runner.run(List.of("sh", "-c", "echo \"$GREETING\"; echo one >&2; echo two >&2; exit 3"),
                Map.of("GREETING", "hello"), Duration.ofSeconds(30));
        assertEquals(3, r.exitCode());
        assertEquals(List.of("hello"), r.stdout());
        assertEquals("two", r.reason());
    }

    @Test
    void aJvmCrashIsReportedByItsSignalAndFrameNotByTheLastWarning() {
        String report = "#\n# A fatal error has been detected by the Java Runtime Environment:\n#\n"
                + "#  SIGILL (0x4) at pc=0x00007f0d57daf9f3, pid=11215, tid=11222\n#\n# JRE version: 25\n"
                + "# Problematic frame:\n# C  [libnd4jcpu.so+0x17af9f3]  sd::ops::HashHelper::getInstance()+0x33\n";
        String crash = "printf '" + report + "'; echo 'WARNING: a warning' >&2; exit 134";
        RunResult r = runner.run(List.of("sh", "-c", crash), Map.of(), Duration.ofSeconds(30));
        assertEquals("crashed: SIGILL (0x4) at pc=0x00007f0d57daf9f3, pid=11215, tid=11222 in "
                + "C  [libnd4jcpu.so+0x17af9f3]  sd::ops::HashHelper::getInstance()+0x33", r.reason());
    }

    @Test
    void samplesThePeakResidentSetOfALivingProcess() {
        RunResult r = runner.run(List.of("sh", "-c", "sleep 0.5"), Map.of(), Duration.ofSeconds(30));
        assertEquals(0, r.exitCode());
        assertTrue(r.peakRssBytes() > 0, "VmHWM of the shell");
    }

    @Test
    void killsAProcessThatOutlivesItsTimeout() {
        RunResult r = runner.run(List.of("sleep", "30"), Map.of(), Duration.ofMillis(300));
        assertTrue(r.exitCode() != 0);
        assertEquals("timed out after 0.3 s", r.reason());
    }
}
