package org.neurite.cli.bench.peers;

import java.util.List;

/**
 * What one process left behind.
 *
 * @param exitCode     its exit status
 * @param stdout       its standard output, line by line
 * @param stderrTail   the last lines of its standard error (for the reason of a failure)
 * @param peakRssBytes its peak resident set (VmHWM), 0 when unknown
 */
public record RunResult(int exitCode, List<String> stdout, String stderrTail, long peakRssBytes) {
    /** The last non-blank line of standard error, or a note of the exit status when there is none. */
    public String reason() {
        String[] lines = stderrTail.strip().split("\n");
        String last = lines[lines.length - 1].strip();
        return last.isEmpty() ? "exit status " + exitCode : last;
    }
}
