package org.neurite.keras;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.neurite.io.ModelFileException;

/**
 * Random corruptions of real Keras files (bytes overwritten, files cut short, config.json and the
 * weight file altered inside a sound zip) either load or are refused with a {@link ModelFileException};
 * no other exception, no hang, no huge allocation.
 */
class KerasFuzzTest {
    private static Path dir;
    private static byte[] archive;
    private static byte[] legacy;
    private static Map<String, byte[]> entries;
    private static Map<String, byte[]> transformerEntries;
    private static Map<String, byte[]> nestedEntries;
    private static byte[] nestedLegacy;

    @BeforeContainer
    static void readFixtures() throws IOException {
        dir = Files.createTempDirectory("keras-fuzz");
        archive = Files.readAllBytes(KerasImportTest.fixture("imdb_lstm.keras"));
        legacy = Files.readAllBytes(KerasImportTest.fixture("legacy_mlp.h5"));
        entries = KerasArchives.entries(KerasImportTest.fixture("imdb_lstm.keras"));
        transformerEntries = KerasArchives.entries(KerasImportTest.fixture("transformer.keras"));
        nestedEntries = KerasArchives.entries(KerasImportTest.fixture("nested_shared.keras"));
        nestedLegacy = Files.readAllBytes(KerasImportTest.fixture("nested_sequential.h5"));
    }

    @AfterContainer
    static void removeFiles() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    /** A corruption: overwrite {@code count} bytes from {@code position} with {@code value}, then cut at {@code length}. */
    record Damage(double position, int count, byte value, double length) {
        byte[] apply(byte[] bytes) {
            byte[] out = bytes.clone();
            int start = (int) (position * out.length);
            for (int i = start; i < Math.min(out.length, start + count); i++) {
                out[i] = value;
            }
            return Arrays.copyOf(out, Math.max(0, (int) (length * out.length)));
        }
    }

    @Provide
    Arbitrary<Damage> damage() {
        return Combinators.combine(Arbitraries.doubles().between(0, 1), Arbitraries.integers().between(1, 16),
                Arbitraries.bytes(), Arbitraries.doubles().between(0.5, 1).injectDuplicates(0.5))
                .as((p, c, v, l) -> new Damage(p, c, v, l >= 0.75 ? 1.0 : l));
    }

    @Property(tries = 200)
    void damagedArchiveLoadsOrIsRefused(@ForAll("damage") Damage damage) {
        loadsOrIsRefused(write("archive.keras", damage.apply(archive)));
    }

    @Property(tries = 200)
    void damagedLegacyFileLoadsOrIsRefused(@ForAll("damage") Damage damage) {
        loadsOrIsRefused(write("legacy.h5", damage.apply(legacy)));
    }

    @Property(tries = 200)
    void damagedEntriesInSoundZipLoadOrAreRefused(@ForAll("damage") Damage damage,
                                                  @ForAll boolean config) throws IOException {
        Map<String, byte[]> altered = new java.util.LinkedHashMap<>(entries);
        String name = config ? "config.json" : "model.weights.h5";
        altered.put(name, damage.apply(entries.get(name)));
        Path file = dir.resolve("entries.keras");
        KerasArchives.write(file, altered);
        loadsOrIsRefused(file);
    }

    /**
     * The KerasHub encoder-decoder and its attention sublayers: damage to the nested weight groups
     * (query_dense, _self_attention_layer, ...) and to the calls' keyword arguments in config.json.
     */
    @Property(tries = 100)
    void damagedTransformerEntriesLoadOrAreRefused(@ForAll("damage") Damage damage,
                                                   @ForAll boolean config) throws IOException {
        Map<String, byte[]> altered = new java.util.LinkedHashMap<>(transformerEntries);
        String name = config ? "config.json" : "model.weights.h5";
        altered.put(name, damage.apply(transformerEntries.get(name)));
        Path file = dir.resolve("transformer.keras");
        KerasArchives.write(file, altered);
        loadsOrIsRefused(file);
    }

    /**
     * A nested functional model called twice: damage to its inlined config (input_layers, the calls'
     * keras_history) and to the nested weight groups ({@code layers/functional/layers/...}).
     */
    @Property(tries = 100)
    void damagedNestedModelEntriesLoadOrAreRefused(@ForAll("damage") Damage damage,
                                                   @ForAll boolean config) throws IOException {
        Map<String, byte[]> altered = new java.util.LinkedHashMap<>(nestedEntries);
        String name = config ? "config.json" : "model.weights.h5";
        altered.put(name, damage.apply(nestedEntries.get(name)));
        Path file = dir.resolve("nested.keras");
        KerasArchives.write(file, altered);
        loadsOrIsRefused(file);
    }

    /** A legacy file whose nested Sequential's weights are split back into its layers, trainable ones first. */
    @Property(tries = 100)
    void damagedNestedLegacyFileLoadsOrIsRefused(@ForAll("damage") Damage damage) {
        loadsOrIsRefused(write("nested.h5", damage.apply(nestedLegacy)));
    }

    private static Path write(String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void loadsOrIsRefused(Path file) {
        try {
            KerasFiles.load(file);
        } catch (ModelFileException refused) {
            // the expected outcome for most damage
        } catch (IOException e) {
            throw new AssertionError("plain I/O error instead of a refusal: " + e, e);
        }
    }
}
