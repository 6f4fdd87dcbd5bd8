package org.neurite.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files are written in format version 2, which ends with a CRC-32C and a CRC-32; files of version 1,
 * which end with a SHA-256, still load, and damage to either is refused as a checksum mismatch.
 */
class ModelFileFormatVersionTest {
    private static final String CHECKSUM_MISMATCH = "checksum mismatch (file altered or truncated)";

    @TempDir
    Path dir;

    @Test
    void savedFileIsVersionTwoEndingWithCrc32cThenCrc32OfEverythingBefore() throws IOException {
        Path file = dir.resolve("model.neurite");
        ModelFile.save(ModelFileFixtures.sequential(42), file);
        byte[] bytes = Files.readAllBytes(file);
        int covered = bytes.length - 8;
        CRC32C crc32c = new CRC32C();
        crc32c.update(bytes, 0, covered);
        CRC32 crc32 = new CRC32();
        crc32.update(bytes, 0, covered);
        ByteBuffer trailer = ByteBuffer.wrap(bytes, covered, 8).order(ByteOrder.LITTLE_ENDIAN);

        assertEquals(2, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(8));
        assertEquals((int) crc32c.getValue(), trailer.getInt());
        assertEquals((int) crc32.getValue(), trailer.getInt());
    }

    @Test
    void versionOneFileEndsWithTheSha256OfEverythingBeforeAndLoads() throws Exception {
        byte[] bytes = Files.readAllBytes(versionOneFixture());
        int covered = bytes.length - 32;
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(bytes, 0, covered);

        assertEquals(1, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(8));
        assertArrayEquals(sha256.digest(), Arrays.copyOfRange(bytes, covered, bytes.length));
        assertEquals(ModelFile.load(versionOneFixture()).model().parameters().size(),
                ModelFile.loadForPrediction(versionOneFixture()).model().parameters().size());
    }

    @Test
    void oneFlippedByteAnywhereInAVersionOneFileIsRefused() throws Exception {
        byte[] original = Files.readAllBytes(versionOneFixture());
        int headerEnd = ModelFileFixtures.headerEnd(original);
        Path file = dir.resolve("v1.neurite");
        int[] offsets = {Container.PREFIX_BYTES + 3, headerEnd + 8, (headerEnd + original.length) / 2,
            original.length - 32, original.length - 1};
        for (int offset : offsets) {
            byte[] damaged = original.clone();
            damaged[offset] ^= 0x04;
            Files.write(file, damaged);

            assertRefusedWith(file, CHECKSUM_MISMATCH);
        }
    }

    @Test
    void oneFlippedBitAnywhereInAVersionTwoFileIsRefusedByBothLoads() throws IOException {
        Path file = dir.resolve("model.neurite");
        ModelFile.save(ModelFileFixtures.sequential(7), file);
        byte[] original = Files.readAllBytes(file);
        int headerEnd = ModelFileFixtures.headerEnd(original);
        // the header's JSON, the first and a middle weight, each of the two CRCs
        int[] offsets = {Container.PREFIX_BYTES + 5, headerEnd + 8, (headerEnd + original.length) / 2,
            original.length - 8, original.length - 1};
        for (int offset : offsets) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] damaged = original.clone();
                damaged[offset] ^= (byte) (1 << bit);
                Files.write(file, damaged);

                assertRefusedWith(file, CHECKSUM_MISMATCH);
                String prediction = assertThrows(ModelFileException.class, () -> ModelFile.loadForPrediction(file))
                        .getMessage();
                assertEquals(file + ": " + CHECKSUM_MISMATCH, prediction);
            }
        }
    }

    @Test
    void versionOneFileTooShortForItsChecksumNamesTheVersion() throws Exception {
        byte[] original = Files.readAllBytes(versionOneFixture());
        Path file = dir.resolve("short.neurite");
        Files.write(file, Arrays.copyOf(original, 40));

        assertRefusedWith(file, "is 40 bytes long, too short for a model file of format version 1 (at least 60)");
    }

    private static Path versionOneFixture() throws URISyntaxException {
        return Path.of(ModelFileFormatVersionTest.class.getResource("/fixtures/model-files-v1/mlp-v1.neurite").toURI());
    }

    private static void assertRefusedWith(Path file, String fragment) {
        String message = assertThrows(ModelFileException.class, () -> ModelFile.load(file)).getMessage();
        assertTrue(message.startsWith(file + ": "), message);
        assertTrue(message.contains(fragment), () -> "expected '" + fragment + "' in: " + message);
    }
}
