package org.neurite.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM started without {@code --add-modules jdk.incubator.vector} (a library user's plain
 * {@code java -cp}) trains and predicts with the plain-loop kernels, to the SIMD kernels' results,
 * instead of failing on the first product with a {@code NoClassDefFoundError}; it says why once.
 * With {@code -Dneurite.simd=false} it does so silently. Each case runs {@link PlainLoopsProbe} in a
 * child JVM and compares its predictions with this JVM's, which has the module.
 */
class PlainLoopsWithoutVectorModuleTest {
    private static final long CHILD_SECONDS = 300;
    /** The two runs sum in different orders; six training steps keep them this close. */
    private static final double TOLERANCE = 1e-4;
    private static final String WARNING = "the JVM lacks the module jdk.incubator.vector; start it with"
            + " --add-modules jdk.incubator.vector";

    @TempDir
    Path dir;

    @Test
    void withoutTheModuleThePlainLoopsTrainToTheSameResultsAndSaySo() throws Exception {
        Child child = run();
        assertEquals("simd=false", child.lines.getFirst(), child.errors);
        assertTrue(child.errors.contains(WARNING), child.errors);
        assertSamePredictions(child);
    }

    @Test
    void switchedOffWithoutTheModuleTheyRunSilently() throws Exception {
        Child child = run("-Dneurite.simd=false");
        assertEquals("simd=false", child.lines.getFirst(), child.errors);
        assertFalse(child.errors.contains("WARNING"), child.errors);
        assertSamePredictions(child);
    }

    private static void assertSamePredictions(Child child) {
        assertTrue(Kernels.simdEnabled(), "this JVM should run the SIMD kernels");
        List<String> expected = PlainLoopsProbe.predictions();
        assertEquals(expected.size() + 1, child.lines.size(), child.errors);
        for (int model = 0; model < expected.size(); model++) {
            String[] want = expected.get(model).split(" ");
            String[] got = child.lines.get(model + 1).split(" ");
            assertEquals(want.length, got.length, "model " + model);
            for (int i = 0; i < want.length; i++) {
                assertEquals(Float.parseFloat(want[i]), Float.parseFloat(got[i]), TOLERANCE,
                        "model " + model + ", value " + i);
            }
        }
    }

    private Child run(String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), PlainLoopsProbe.class.getName()));
        Path errors = dir.resolve("errors.txt");
        Process child = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(CHILD_SECONDS, TimeUnit.SECONDS), "the child JVM hung");
        String err = Files.readString(errors);
        assertEquals(0, child.exitValue(), err);
        return new Child(out.lines().toList(), err);
    }

    private record Child(List<String> lines, String errors) {
    }
}
