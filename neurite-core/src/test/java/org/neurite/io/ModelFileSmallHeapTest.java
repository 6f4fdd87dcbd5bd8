package org.neurite.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.nn.Input;
import org.neurite.nn.Network;
import org.neurite.nn.SequentialNetwork;
import org.neurite.nn.layers.Embedding;
import org.neurite.text.OutputMode;
import org.neurite.text.TextVectorization;

/**
 * The targets for hostile files, measured where they are real: a child JVM with a 256 MB heap loads
 * forged files of every kind found (up to a 100 MB one) and must refuse each with one line, within
 * a second of CPU time for the load, with no OutOfMemoryError, stack trace or hang.
 */
class ModelFileSmallHeapTest {
    private static final String HEAP = "-Xmx256m";
    /** CPU time of one refusal, the load's own thread (the machine may be busy with other work). */
    private static final long REFUSAL_CPU_MILLIS = 1000;
    /** Wall-clock limit of the whole child run, which only a hang would reach. */
    private static final long CHILD_SECONDS = 120;
    /** Input width of the large forged file: a 5,000 x 5,000 kernel is 100 MB of float32. */
    private static final int LARGE = 5000;

    @TempDir
    Path dir;

    @Test
    void everyForgedKindIsRefusedCleanlyInASmallHeap() throws Exception {
        Map<String, Path> forged = new LinkedHashMap<>();
        Map<String, String> expected = new LinkedHashMap<>();
        forged.put("dense 2.7 million units", edited(ModelFileFixtures.sequential(1), h -> h.replaceFirst("\"units\" : 5", "\"units\" : 2700000")));
        expected.put("dense 2.7 million units", "'logits.kernel' has shape [6, 5] in the file but [6, 2700000]");
        forged.put("embedding 50,000 x 40,000", edited(embedding(), h -> h.replace("\"input_dim\" : 100", "\"input_dim\" : 50000")
                .replace("\"output_dim\" : 8", "\"output_dim\" : 40000")));
        expected.put("embedding 50,000 x 40,000", "but [50000, 40000] in the architecture");
        forged.put("ngrams 2,147,483,647", vectorizer(h -> h.replace("\"ngrams\" : 2", "\"ngrams\" : 2147483647")));
        expected.put("ngrams 2,147,483,647", "'ngrams' is 2147483647");
        forged.put("ngrams 100,000", vectorizer(h -> h.replace("\"ngrams\" : 2", "\"ngrams\" : 100000")));
        expected.put("ngrams 100,000", "'ngrams' is 100000");
        forged.put("max_tokens 2,147,483,647", vectorizer(h -> h.replace("\"max_tokens\" : 50", "\"max_tokens\" : 2147483647")));
        expected.put("max_tokens 2,147,483,647", "'max_tokens' is 2147483647");
        forged.put("10,001 chained nodes", forged(chain(ModelFileLimits.MAX_LAYERS + 1)));
        expected.put("10,001 chained nodes", "declares 10001 nodes");
        forged.put("100,000 layers", forged(layers(100_000)));
        expected.put("100,000 layers", "declares 100000 layers");
        forged.put("NaN weight", nanWeight());
        expected.put("NaN weight", "weight 'dense.kernel' holds NaN at index 0");
        forged.put("15 MB string", edited(ModelFileFixtures.sequential(1), h -> h.replace("\"logits\"", "\"" + "x".repeat(15_000_000) + "\"")));
        expected.put("15 MB string", "a name, string or number is too long");
        forged.put("5,000 levels of nesting", edited(ModelFileFixtures.sequential(1),
                h -> h.replaceFirst("\\{", "{\"deep\":" + "[".repeat(5000) + "]".repeat(5000) + ",")));
        expected.put("5,000 levels of nesting", "nested more than 32 levels deep");
        forged.put("100 MB, dense 2.7 million units", large(2_700_000, false));
        expected.put("100 MB, dense 2.7 million units", "'dense.kernel' has shape [5000, 5000] in the file but [5000, 2700000]");
        forged.put("100 MB, NaN as the last weight", large(LARGE, true));
        expected.put("100 MB, NaN as the last weight", "holds NaN at index 24999999 of its 25000000 values");

        List<String[]> results = probe(new ArrayList<>(forged.values()));

        assertEquals(forged.size(), results.size());
        int i = 0;
        for (String kind : forged.keySet()) {
            String[] r = results.get(i++);
            assertEquals("REFUSED", r[1], () -> kind + ": " + String.join(" | ", r));
            assertTrue(r[4].contains(expected.get(kind)), () -> kind + ": expected '" + expected.get(kind) + "' in: " + r[4]);
            assertTrue(Long.parseLong(r[2]) < REFUSAL_CPU_MILLIS, () -> kind + ": " + r[2] + " ms of CPU to refuse");
            assertTrue(r[4].length() <= r[0].length() + CleanRefusal.MAX_MESSAGE, () -> kind + ": " + r[4].length() + " characters");
        }
    }

    /** Runs {@link LoadProbe} on {@code files} in a child JVM with the small heap; one result per file. */
    private static List<String[]> probe(List<Path> files) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", HEAP, "-cp", System.getProperty("java.class.path"),
                LoadProbe.class.getName()));
        files.forEach(f -> command.add(f.toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(false).start();
        byte[] out = child.getInputStream().readAllBytes();
        byte[] err = child.getErrorStream().readAllBytes();
        assertTrue(child.waitFor(CHILD_SECONDS, TimeUnit.SECONDS), "the child JVM hung");
        String errors = new String(err, StandardCharsets.UTF_8).lines()
                .filter(line -> !line.startsWith("WARNING: Using incubator modules")).reduce("", (a, b) -> a + b + "\n");
        assertEquals("", errors, "the child wrote to standard error");
        assertEquals(0, child.exitValue());
        List<String[]> results = new ArrayList<>();
        new String(out, StandardCharsets.UTF_8).lines().forEach(line -> results.add(line.split("\t", 5)));
        return results;
    }

    // ------------------------------------------------------------------------------ forged files

    private Path edited(Network model, java.util.function.UnaryOperator<String> edit) throws IOException {
        Path file = Files.createTempFile(dir, "forged", ".neurite");
        ModelFile.save(model, file);
        ModelFileFixtures.rewriteHeader(file, edit);
        return file;
    }

    private Path vectorizer(java.util.function.UnaryOperator<String> edit) throws IOException {
        TextVectorization vectorizer = TextVectorization.builder().optOutputMode(OutputMode.TF_IDF).optNgrams(2)
                .optMaxTokens(50).build();
        vectorizer.adapt(List.of("the cat sat", "the dog sat down"));
        Path file = Files.createTempFile(dir, "forged", ".neurite");
        ModelFile.save(ModelFileFixtures.sequential(1), null, Map.of(), vectorizer.state(), file);
        ModelFileFixtures.rewriteHeader(file, edit);
        return file;
    }

    private Path nanWeight() throws IOException {
        Path file = Files.createTempFile(dir, "forged", ".neurite");
        ModelFile.save(ModelFileFixtures.sequential(1), file);
        ModelFileFixtures.rewriteData(file, data -> data.putFloat(0, Float.NaN));
        return file;
    }

    private Path forged(String header) throws IOException {
        Path file = Files.createTempFile(dir, "forged", ".neurite");
        Files.write(file, ModelFileFixtures.forge(header.getBytes(StandardCharsets.UTF_8), new byte[0]));
        return file;
    }

    private static Network embedding() {
        return SequentialNetwork.of(Input.of(10), Embedding.builder().setInputDim(100).setOutputDim(8).build()).seed(1).build();
    }

    /**
     * A 100 MB file: one Dense layer of {@code units} whose kernel the table declares as 5,000 x
     * 5,000 zeros, the last one NaN if asked. Forged directly: building and saving such a model
     * would cost the test seconds.
     */
    private Path large(int units, boolean lastIsNaN) throws IOException {
        long bytes = (long) Float.BYTES * LARGE * LARGE;
        String header = "{\"library_version\":\"0.1.0\",\"seed\":1,\"metadata\":{},\"weights\":[{\"name\":\"dense.kernel\","
                + "\"shape\":[" + LARGE + "," + LARGE + "],\"dtype\":\"float32\",\"offset\":0,\"length\":" + bytes + "}],"
                + "\"architecture\":{\"class_name\":\"Sequential\",\"input_shape\":[" + LARGE + "],\"config\":{\"name\":"
                + "\"sequential\",\"layers\":[{\"class_name\":\"Dense\",\"config\":{\"name\":\"dense\",\"units\":" + units
                + ",\"activation\":\"linear\",\"use_bias\":false,\"kernel_initializer\":\"zeros\",\"bias_initializer\":"
                + "\"zeros\",\"kernel_regularizer\":null,\"bias_regularizer\":null}}]}}}";
        byte[] data = new byte[(int) bytes];
        if (lastIsNaN) {
            java.nio.ByteBuffer.wrap(data).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(data.length - Float.BYTES, Float.NaN);
        }
        Path file = Files.createTempFile(dir, "large", ".neurite");
        Files.write(file, ModelFileFixtures.forge(header.getBytes(StandardCharsets.UTF_8), data));
        return file;
    }

    private static String header(String architecture) {
        return "{\"library_version\":\"0.1.0\",\"seed\":1,\"metadata\":{},\"weights\":[],\"architecture\":" + architecture + "}";
    }

    /** A functional graph of {@code n} Activation nodes in a chain, without weights. */
    private static String chain(int n) {
        StringBuilder nodes = new StringBuilder();
        for (int i = 0; i < n; i++) {
            nodes.append(i == 0 ? "" : ",").append("{\"layer\":\"a\",\"inbound\":[").append(i).append("]}");
        }
        return header("{\"class_name\":\"Functional\",\"config\":{\"name\":\"functional\",\"layers\":[{\"class_name\":"
                + "\"Activation\",\"config\":{\"name\":\"a\",\"activation\":\"tanh\"}}],"
                + "\"inputs\":[{\"name\":\"x\",\"shape\":[4]}],\"nodes\":[" + nodes + "],\"outputs\":[" + n + "]}}");
    }

    /** A SequentialNetwork model of {@code n} Activation layers. */
    private static String layers(int n) {
        StringBuilder layers = new StringBuilder();
        for (int i = 0; i < n; i++) {
            layers.append(i == 0 ? "" : ",").append("{\"class_name\":\"Activation\",\"config\":{\"name\":\"a")
                    .append(i).append("\",\"activation\":\"linear\"}}");
        }
        return header("{\"class_name\":\"Sequential\",\"input_shape\":[4],\"config\":{\"name\":\"sequential\",\"layers\":["
                + layers + "]}}");
    }
}
