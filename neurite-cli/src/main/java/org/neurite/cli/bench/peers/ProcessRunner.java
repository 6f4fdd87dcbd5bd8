package org.neurite.cli.bench.peers;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Runs one command to its end; the tests replace it with one that replays recorded peer output. */
@FunctionalInterface
public interface ProcessRunner {
    /**
     * Runs {@code command} with {@code env} added to the environment, killing it after {@code timeout}.
     *
     * @throws java.io.UncheckedIOException if the command cannot be started
     */
    RunResult run(List<String> command, Map<String, String> env, Duration timeout);
}
