package org.neurite.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every damaged, truncated, foreign or inconsistent file is refused with a message naming it; no model comes back. */
class ModelFileRefusalTest {
    @TempDir
    Path dir;
    private Path file;
    private byte[] original;

    @BeforeEach
    void saveAGoodFile() throws IOException {
        file = dir.resolve("model.neurite");
        ModelFile.save(ModelFileFixtures.sequential(42), file);
        original = Files.readAllBytes(file);
    }

    @Test
    void refusesWrongMagic() throws IOException {
        ModelFileFixtures.flipByte(file, 0, 0x20);

        assertRefused("not a Neurite model file (starts with bytes 6e 45 55");
    }

    @Test
    void refusesFilesThatAreNotModelFiles() throws IOException {
        Files.writeString(file, "{\"class_name\": \"Sequential\", \"config\": {\"layers\": []}, \"more\": \"text\"}");
        assertRefused("not a Neurite model file");

        Files.writeString(file, "NEURITE1");
        assertRefused("is 8 bytes long, too short for a Neurite model file (at least 36)");
    }

    @Test
    void refusesOtherFormatVersions() throws IOException {
        byte[] bytes = original.clone();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 3);
        Files.write(file, bytes);

        assertRefused("has format version 3; this library reads versions 1 to 2");
    }

    @Test
    void refusesTruncationAtEveryKindOfCutPoint() throws IOException {
        int headerEnd = ModelFileFixtures.headerEnd(original);
        int[] cuts = {0, 7, 8, 12, 19, 20, headerEnd / 2, headerEnd, headerEnd + 4, headerEnd + 8,
            (headerEnd + original.length) / 2, original.length - Container.CHECKSUM_BYTES, original.length - 1};
        for (int cut : cuts) {
            Files.write(file, original);
            ModelFileFixtures.truncate(file, cut);

            assertRefused("");
        }
    }

    @Test
    void truncatedWeightsNameBothSizes() throws IOException {
        ModelFileFixtures.truncate(file, original.length - 1);
        long declared = original.length - ModelFileFixtures.headerEnd(original) - Container.LENGTH_BYTES
                - Container.CHECKSUM_BYTES;

        assertRefused("declares " + declared + " bytes of weights but only " + (declared - 1) + " remain");
    }

    @Test
    void oneFlippedByteInHeaderWeightsOrChecksumFailsTheChecksum() throws IOException {
        int headerEnd = ModelFileFixtures.headerEnd(original);
        int[] offsets = {Container.PREFIX_BYTES + 10, headerEnd - 2, headerEnd + 8, (headerEnd + original.length) / 2,
            original.length - Container.CHECKSUM_BYTES, original.length - 1};
        for (int offset : offsets) {
            Files.write(file, original);
            ModelFileFixtures.flipByte(file, offset, 0x01);

            assertRefused("checksum mismatch (file altered or truncated)");
        }
    }

    @Test
    void refusesHugeDeclaredSizesBeforeAllocating() throws IOException {
        int headerEnd = ModelFileFixtures.headerEnd(original);
        long actual = original.length - headerEnd - Container.LENGTH_BYTES - Container.CHECKSUM_BYTES;

        ModelFileFixtures.setLength(file, headerEnd, 1_048_576);
        assertRefused("declares 1048576 bytes of weights but only " + actual + " remain");

        Files.write(file, original);
        ModelFileFixtures.setLength(file, 12, 1L << 40);
        assertRefused("declares a header of 1099511627776 bytes but only");

        Files.write(file, original);
        ModelFileFixtures.setLength(file, 12, -1);
        assertRefused("declares a header of 18446744073709551615 bytes");
    }

    @Test
    void refusesBytesAfterTheEnd() throws IOException {
        Files.write(file, new byte[5], java.nio.file.StandardOpenOption.APPEND);

        assertRefused("has 5 unexpected bytes after its");
    }

    @Test
    void refusesUnknownLayerTypes() throws IOException {
        // Lambda holds arbitrary code in Keras: a type model files never hold, whatever layers are added.
        ModelFileFixtures.rewriteHeader(file, h -> h.replace("\"Reshape\"", "\"Lambda\""));

        // The list of known types is long; the one-line message may cut its tail.
        assertRefused("layer 'reshape' (Lambda): unknown layer type 'Lambda'; model files can hold [Activation, Add,");
    }

    @Test
    void refusesAnArchitectureWhoseWeightsHaveOtherShapes() throws IOException {
        ModelFileFixtures.rewriteHeader(file, h -> h.replaceFirst("\"units\" : 5", "\"units\" : 4"));

        assertRefused("weight 'logits.kernel' has shape [6, 5] in the file but [6, 4] in the architecture");
    }

    @Test
    void refusesAnArchitectureWhoseWeightsAreNotInTheFile() throws IOException {
        ModelFileFixtures.rewriteHeader(file, h -> h.replace("\"logits.kernel\"", "\"logits.kernal\""));

        assertRefused("layer 'logits' (Dense): weight 'logits.kernel' of shape [6, 5] is not in the file");
    }

    @Test
    void refusesTablesThatDoNotMatchTheirShapes() throws IOException {
        ModelFileFixtures.rewriteHeader(file, h -> h.replaceFirst("\"shape\" : \\[ 6, 5 \\]", "\"shape\" : [ 6, 500000000 ]"));

        assertRefused("'logits.kernel' has an invalid or too large shape [6, 500000000]");
    }

    @Test
    void refusesConfigKeysNoLayerReads() throws IOException {
        ModelFileFixtures.rewriteHeader(file, h -> h.replace("\"use_bias\" : false", "\"use_bias\" : false, \"trainable\" : false"));

        assertRefused("layer 'logits' (Dense): unknown field [trainable]");
    }

    @Test
    void refusesMalformedJson() throws IOException {
        ModelFileFixtures.rewriteHeader(file, h -> h.substring(0, h.length() - 3));
        assertRefused("header: not valid JSON");

        Files.write(file, original);
        ModelFileFixtures.rewriteHeader(file, h -> h + " {}");
        assertRefused("header: not valid JSON");

        Files.write(file, original);
        ModelFileFixtures.rewriteHeader(file, h -> h.replaceFirst("\"seed\" : 42,", "\"seed\" : 42, \"seed\" : 43,"));
        assertRefused("header: not valid JSON: Duplicate field 'seed'");
    }

    @Test
    void refusesGraphsThatReferToTensorsNotYetMade() throws IOException {
        ModelFile.save(ModelFileFixtures.functional(3), file);
        ModelFileFixtures.rewriteHeader(file, h -> h.replaceFirst("\"inbound\" : \\[ 0 \\]", "\"inbound\" : [ 9 ]"));

        assertRefused("architecture node 0: refers to tensor 9; only tensors 0 to 0 exist at that point");
    }

    @Test
    void refusesEveryRandomCorruption() throws IOException {
        Random random = new Random(20_261_126);
        for (int trial = 0; trial < 300; trial++) {
            Files.write(file, corrupt(original, random));

            assertRefused("");
        }
    }

    /** A copy of {@code bytes} with one random change: a flipped byte, a cut, an overwritten run, or extra bytes. */
    private static byte[] corrupt(byte[] bytes, Random random) {
        byte[] out = bytes.clone();
        switch (random.nextInt(4)) {
            case 0 -> out[random.nextInt(out.length)] ^= (byte) (1 + random.nextInt(255));
            case 1 -> out = java.util.Arrays.copyOf(out, random.nextInt(out.length));
            case 2 -> {
                int at = random.nextInt(out.length - 8);
                long before = ByteBuffer.wrap(out).getLong(at);
                ByteBuffer.wrap(out).putLong(at, before ^ (random.nextLong() | 1L));
            }
            default -> {
                byte[] extra = new byte[1 + random.nextInt(64)];
                random.nextBytes(extra);
                out = java.util.Arrays.copyOf(out, out.length + extra.length);
                System.arraycopy(extra, 0, out, bytes.length, extra.length);
            }
        }
        return out;
    }

    private void assertRefused(String fragment) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file));
        String message = e.getMessage();
        assertTrue(message.startsWith(file + ": "), message);
        assertTrue(message.contains(fragment), () -> "expected '" + fragment + "' in: " + message);
    }
}
