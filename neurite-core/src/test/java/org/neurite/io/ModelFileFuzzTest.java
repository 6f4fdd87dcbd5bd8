package org.neurite.io;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.neurite.nn.Input;
import org.neurite.nn.Network;
import org.neurite.nn.SequentialNetwork;
import org.neurite.nn.layers.Bidirectional;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Embedding;
import org.neurite.nn.layers.GRU;
import org.neurite.nn.layers.LSTM;
import org.neurite.text.OutputMode;
import org.neurite.text.TextVectorization;
import org.neurite.train.Adam;
import org.neurite.train.FitOptions;
import org.neurite.train.Losses;
import org.neurite.train.Trainer;

/**
 * Fuzzes the loader with forged files: valid model files whose header JSON (sizes, shapes, counts,
 * nesting, class names, layer counts), vectorizer section or data is altered, with the checksum
 * recomputed so that every check behind it is reached. Each must load or be refused cleanly (see
 * {@link CleanRefusal}), within a time budget and without allocating far more than the file.
 */
class ModelFileFuzzTest {
    /** Wall-clock budget of one load; a refusal takes milliseconds, the slack is for a loaded machine. */
    private static final Duration LOAD_BUDGET = Duration.ofSeconds(5);
    /** Tries per property: a few seconds of the default run together; raise them to hunt. */
    private static final int TRIES = 75;
    private static final List<String> TEXTS = List.of("the cat sat on the mat", "the dog sat", "a cat, a dog and a bird");
    private static final List<byte[]> BASES = bases();
    private static final Path DIR = tempDir();

    /** What one try does to a header. */
    enum Mutation { NUMBER, SHAPE, STRING, REPEAT, NEST, DELETE, ADD, SWAP }

    @Property(tries = TRIES)
    void forgedHeadersAreLoadedOrRefusedCleanly(@ForAll @IntRange(max = 4) int base, @ForAll Mutation mutation,
                                                @ForAll @IntRange(max = 100_000) int target, @ForAll long choices) {
        assertCleanOutcome(base, mutation, target, choices, path -> true);
    }

    @Property(tries = TRIES)
    void forgedArchitecturesAreLoadedOrRefusedCleanly(@ForAll @IntRange(max = 4) int base, @ForAll Mutation mutation,
                                                      @ForAll @IntRange(max = 100_000) int target, @ForAll long choices) {
        assertCleanOutcome(base, mutation, target, choices, path -> path.startsWith("/architecture"));
    }

    @Property(tries = TRIES)
    void forgedVectorizerSectionsAreLoadedOrRefusedCleanly(@ForAll @IntRange(min = 3, max = 4) int base,
                                                           @ForAll Mutation mutation,
                                                           @ForAll @IntRange(max = 100_000) int target,
                                                           @ForAll long choices) {
        assertCleanOutcome(base, mutation, target, choices, path -> path.startsWith("/vectorizer"));
    }

    @Property(tries = TRIES)
    void forgedDataIsLoadedOrRefusedCleanly(@ForAll @IntRange(max = 4) int base, @ForAll long choices) {
        Random random = new Random(choices);
        byte[] original = BASES.get(base);
        byte[] header = headerBytes(original);
        byte[] data = ModelFileFixtures.data(original);
        ByteBuffer view = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 1 + random.nextInt(4); i > 0 && data.length >= 4; i--) {
            int at = random.nextInt(data.length - 3);
            switch (random.nextInt(4)) {
                case 0 -> view.putFloat(at, random.nextBoolean() ? Float.NaN : Float.POSITIVE_INFINITY);
                case 1 -> view.putInt(at, random.nextInt());
                case 2 -> view.putInt(at, hostileNumber(random).intValue());
                default -> data[at] ^= (byte) (1 + random.nextInt(255));
            }
        }
        load(ModelFileFixtures.forge(header, data));
    }

    @Provide
    Arbitrary<Mutation> mutation() {
        return Arbitraries.of(Mutation.class);
    }

    private static void assertCleanOutcome(int base, Mutation mutation, int target, long choices, Predicate<String> where) {
        byte[] original = BASES.get(base);
        ObjectNode header = (ObjectNode) HeaderJson.parse(headerBytes(original), "header");
        List<Located> nodes = new ArrayList<>();
        collect(header, "", null, null, nodes);
        List<Located> candidates = nodes.stream().filter(n -> where.test(n.path) && fits(mutation, n.node)).toList();
        if (candidates.isEmpty()) {
            return;
        }
        mutate(candidates.get(target % candidates.size()), mutation, new Random(choices), nodes);
        byte[] forgedHeader = header.toString().getBytes(StandardCharsets.UTF_8);
        load(ModelFileFixtures.forge(forgedHeader, ModelFileFixtures.data(original)));
    }

    private static void load(byte[] file) {
        Path path;
        try {
            path = Files.createTempFile(DIR, "forged", ".neurite");
            Files.write(path, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            long budget = CleanRefusal.ALLOCATION_ALLOWANCE + CleanRefusal.FILE_COPIES * file.length;
            long allocated = assertTimeoutPreemptively(LOAD_BUDGET, () -> {
                long before = CleanRefusal.allocatedBytes();
                CleanRefusal.assertAcceptedOrRefusedCleanly(path);
                return CleanRefusal.allocatedBytes() - before;
            });
            assertTrue(allocated <= budget, () -> "allocated " + allocated + " bytes, budget " + budget);
        } finally {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    // ------------------------------------------------------------------------------ mutations

    /** A node of the header, where it is, and how to replace it. */
    private record Located(String path, JsonNode node, JsonNode parent, Object key) {
        void replace(JsonNode value) {
            if (parent instanceof ObjectNode o) {
                o.set((String) key, value);
            } else if (parent instanceof ArrayNode a) {
                a.set((Integer) key, value);
            }
        }
    }

    private static void collect(JsonNode node, String path, JsonNode parent, Object key, List<Located> out) {
        out.add(new Located(path, node, parent, key));
        if (node instanceof ObjectNode o) {
            o.properties().forEach(e -> collect(e.getValue(), path + "/" + e.getKey(), o, e.getKey(), out));
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                collect(a.get(i), path + "/" + i, a, i, out);
            }
        }
    }

    private static boolean fits(Mutation mutation, JsonNode node) {
        return switch (mutation) {
            case NUMBER -> node.isNumber();
            case SHAPE -> node.isArray() && !node.isEmpty() && node.get(0).isIntegralNumber();
            case STRING -> node.isTextual();
            case REPEAT -> node.isArray() && !node.isEmpty();
            case DELETE, ADD -> node.isObject() && !node.isEmpty();
            case NEST, SWAP -> true;
        };
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final List<String> NAMES = List.of("Dense", "LSTM", "GRU", "SimpleRNN", "Bidirectional", "Embedding",
            "Reshape", "Flatten", "Concatenate", "Add", "Functional", "Sequential", "TextVectorization", "float64", "",
            "java.lang.Runtime", "../../etc/passwd", "dense.kernel", "dense.kernel/0", "vectorizer.idf_weights",
            "tf_idf", "int", "multi_hot", "count", "custom", "relu", "orthogonal", "concat", "\u0000\n\u2028");

    private static void mutate(Located at, Mutation mutation, Random random, List<Located> all) {
        switch (mutation) {
            case NUMBER -> at.replace(JSON.numberNode(hostileNumber(random)));
            case SHAPE -> at.replace(reshaped((ArrayNode) at.node, random));
            case STRING -> at.replace(JSON.textNode(random.nextInt(8) == 0 ? "n".repeat(1 + random.nextInt(2_000_000))
                    : NAMES.get(random.nextInt(NAMES.size()))));
            case REPEAT -> {
                ArrayNode array = (ArrayNode) at.node;
                JsonNode element = array.get(random.nextInt(array.size()));
                int copies = List.of(1, 2, 17, 1000, ModelFileLimits.MAX_LAYERS + 1).get(random.nextInt(5));
                for (int i = 0; i < copies; i++) {
                    array.add(element.deepCopy());
                }
            }
            case NEST -> {
                JsonNode value = at.node;
                // Deeper than 900 cannot be written by the JSON library; ModelFileForgeryTest forges 5,000 levels as text.
                int depth = List.of(1, 2, ModelFileLimits.MAX_JSON_DEPTH - 8, ModelFileLimits.MAX_JSON_DEPTH + 1, 900)
                        .get(random.nextInt(5));
                for (int i = 0; i < depth; i++) {
                    value = random.nextBoolean() ? JSON.arrayNode().add(value) : JSON.objectNode().set("v", value);
                }
                at.replace(value);
            }
            case DELETE -> {
                ObjectNode object = (ObjectNode) at.node;
                List<String> keys = new ArrayList<>();
                object.fieldNames().forEachRemaining(keys::add);
                object.remove(keys.get(random.nextInt(keys.size())));
            }
            case ADD -> ((ObjectNode) at.node).set(NAMES.get(random.nextInt(NAMES.size())), JSON.numberNode(hostileNumber(random)));
            case SWAP -> at.replace(all.get(random.nextInt(all.size())).node.deepCopy());
        }
    }

    private static ArrayNode reshaped(ArrayNode shape, Random random) {
        ArrayNode out = shape.deepCopy();
        switch (random.nextInt(4)) {
            case 0 -> out.add(hostileNumber(random).intValue());
            case 1 -> out.remove(out.size() - 1);
            case 2 -> out.set(random.nextInt(out.size()), JSON.numberNode(hostileNumber(random)));
            default -> {
                for (int i = random.nextInt(200); i > 0; i--) {
                    out.add(1);
                }
            }
        }
        return out;
    }

    /** Sizes that broke loaders before: zero, negatives, int overflow, and the forged sizes an outside test used. */
    private static Long hostileNumber(Random random) {
        List<Long> values = List.of(0L, -1L, 1L, 2L, 3L, 7L, 50_000L, 40_000L, 100_000L, 2_700_000L, 1L << 24, 1L << 31,
                (long) Integer.MAX_VALUE, (long) Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 40);
        return random.nextInt(5) == 0 ? random.nextLong() % 100_000 : values.get(random.nextInt(values.size()));
    }

    // ------------------------------------------------------------------------------ base files

    private static byte[] headerBytes(byte[] file) {
        int end = ModelFileFixtures.headerEnd(file);
        return java.util.Arrays.copyOfRange(file, Container.PREFIX_BYTES, end);
    }

    /** Valid files: two plain models, a recurrent one with optimizer state, and two with vectorizers. */
    private static List<byte[]> bases() {
        try {
            Path dir = Files.createTempDirectory("neurite-fuzz-bases");
            List<byte[]> files = new ArrayList<>();
            files.add(saved(dir, ModelFileFixtures.sequential(1), null, null));
            files.add(saved(dir, ModelFileFixtures.functional(2), null, null));
            Network recurrent = SequentialNetwork.of(Input.of(6),
                    Embedding.builder().setInputDim(20).setOutputDim(4).optMaskZero(true).build(),
                    new Bidirectional(LSTM.builder().setUnits(3).optReturnSequences(true).build()),
                    GRU.builder().setUnits(2).build(),
                    new Dense(1)).seed(3).build();
            Trainer trainer = Trainer.compile(recurrent, new Adam(0.01f), Losses.meanSquaredError());
            trainer.fit(org.neurite.tensor.Tensor.full(1f, 4, 6), org.neurite.tensor.Tensor.zeros(4, 1),
                    FitOptions.builder().batchSize(4).epochs(1).build());
            files.add(saved(dir, recurrent, trainer, null));
            TextVectorization tfIdf = TextVectorization.builder().optOutputMode(OutputMode.TF_IDF).optNgrams(2).build();
            tfIdf.adapt(TEXTS);
            files.add(saved(dir, ModelFileFixtures.sequential(4), null, tfIdf));
            TextVectorization ids = TextVectorization.builder().optMaxTokens(12).optOutputSequenceLength(5).build();
            ids.adapt(TEXTS);
            files.add(saved(dir, ModelFileFixtures.sequential(5), null, ids));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] saved(Path dir, Network model, Trainer trainer, TextVectorization vectorizer) throws IOException {
        Path file = Files.createTempFile(dir, "base", ".neurite");
        ModelFile.save(model, trainer == null ? null : trainer.optimizer(), Map.of(),
                vectorizer == null ? null : vectorizer.state(), file);
        byte[] bytes = Files.readAllBytes(file);
        Files.delete(file);
        return bytes;
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("neurite-fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
