package org.neurite.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The command's failures that come before any Spark job: one line on standard error, exit status 1. */
class SparkCommandTest {
    private static String[] run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SparkMain.run(new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new String[] {Integer.toString(status), err.toString(StandardCharsets.UTF_8)};
    }

    /** A local port nobody listens on: bound, then released. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void anUnreachableMasterFailsAtOnceNamingIt() throws IOException {
        String master = "spark://127.0.0.1:" + closedPort();

        String[] result = run("predict", "--master", master, "--model", "m.neurite", "--data", "r.parquet",
                "--text", "text", "--out", "s.parquet");

        assertEquals("1", result[0]);
        assertTrue(result[1].startsWith("neurite spark predict: --master " + master
                + ": cannot reach the Spark master at 127.0.0.1:"), result[1]);
        assertEquals(1, result[1].strip().lines().count(), result[1]);
    }

    @Test
    void aMasterUrlWithoutPortIsRefused() {
        String[] result = run("adapt", "--master", "spark://cluster", "--data", "r.csv", "--text", "t",
                "--out", "v.tsv");

        assertEquals("1", result[0]);
        assertEquals("neurite spark adapt: --master spark://cluster: expected spark://HOST:PORT[,HOST:PORT...]",
                result[1].strip());
    }

    @Test
    void aMissingRequiredOptionIsAUsageError() {
        assertEquals("2", run("train", "--data", "r.csv")[0]);
    }
}
