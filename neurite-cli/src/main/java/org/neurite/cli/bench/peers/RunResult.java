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
    /**
     * Why it failed: where a JVM crashed (a native library using instructions this processor lacks,
     * say), the signal and the frame from the crash report the JVM writes to standard output; else
     * the last non-blank line of standard error, or a note of the exit status when there is none.
     */
    public String reason() {
        int signal = indexOf("#  SIG", 0);
        if (signal >= 0) {
            int frame = indexOf("# Problematic frame:", signal) + 1;
            String where = frame > 0 && frame < stdout.size() ? " in " + stdout.get(frame).substring(1).strip() : "";
            return "crashed: " + stdout.get(signal).substring(1).strip() + where;
        }
        String[] lines = stderrTail.strip().split("\n");
        String last = lines[lines.length - 1].strip();
        return last.isEmpty() ? "exit status " + exitCode : last;
    }

    private int indexOf(String prefix, int from) {
        for (int i = from; i < stdout.size(); i++) {
            if (stdout.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
