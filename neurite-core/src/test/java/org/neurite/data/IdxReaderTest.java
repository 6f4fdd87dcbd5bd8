package org.neurite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsImagesInRowMajorOrderWithAndWithoutScaling() throws IOException {
        Path file = IdxFixtures.write(dir.resolve("images"), IdxReader.IMAGES_MAGIC, new int[] {2, 1, 2},
                new byte[] {0, 1, (byte) 128, (byte) 255});

        IdxReader.Images raw = IdxReader.readImages(file, false);
        IdxReader.Images scaled = IdxReader.readImages(file, true);

        assertEquals(2, raw.count());
        assertEquals(1, raw.height());
        assertEquals(2, raw.width());
        assertArrayEquals(new float[] {0, 1, 128, 255}, raw.pixels());
        assertArrayEquals(new float[] {0, 1 / 255f, 128 / 255f, 1}, scaled.pixels());
    }

    @Test
    void readsLabelsAsUnsignedBytes() throws IOException {
        Path file = IdxFixtures.labels(dir.resolve("labels"), 5, 0, 9, 200);

        assertArrayEquals(new int[] {5, 0, 9, 200}, IdxReader.readLabels(file));
    }

    @Test
    void readsMoreValuesThanOneReadChunk() throws IOException {
        Path file = IdxFixtures.images(dir.resolve("images"), 3, 200, 250);

        float[] pixels = IdxReader.readImages(file, false).pixels();

        assertEquals(150_000, pixels.length);
        assertEquals((149_999 % 256), pixels[149_999]);
    }

    @Test
    void refusesWrongMagicNamingBothNumbers() throws IOException {
        Path labels = IdxFixtures.labels(dir.resolve("train-labels-idx1-ubyte"), 1, 2);

        String message = assertThrows(DatasetException.class, () -> IdxReader.readImages(labels, true)).getMessage();

        assertTrue(message.contains(labels.toString()), message);
        assertTrue(message.contains("0x00000801") && message.contains("0x00000803"), message);
    }

    @Test
    void refusesGzippedFileSayingToUnzipIt() throws IOException {
        Path file = Files.write(dir.resolve("train-images-idx3-ubyte.gz"),
                new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0});

        String message = assertThrows(DatasetException.class, () -> IdxReader.readImages(file, true)).getMessage();

        assertTrue(message.contains("gzipped"), message);
    }

    @Test
    void refusesTruncatedFileWithBytesExpectedAndFound() throws IOException {
        Path file = IdxFixtures.write(dir.resolve("train-images-idx3-ubyte"), IdxReader.IMAGES_MAGIC,
                new int[] {60000, 28, 28}, new byte[984]);

        String message = assertThrows(DatasetException.class, () -> IdxReader.readImages(file, true)).getMessage();

        assertTrue(message.startsWith(file + ": expected 47040016 bytes for 60000x28x28 images, found 1000"), message);
    }

    @Test
    void refusesFileLongerThanItsHeaderSays() throws IOException {
        Path file = IdxFixtures.write(dir.resolve("labels"), IdxReader.LABELS_MAGIC, new int[] {2}, new byte[3]);

        String message = assertThrows(DatasetException.class, () -> IdxReader.readLabels(file)).getMessage();

        assertTrue(message.contains("expected 10 bytes for 2 labels, found 11"), message);
    }

    @Test
    void refusesHeaderCutShort() throws IOException {
        Path shortMagic = Files.write(dir.resolve("a"), new byte[] {0, 0, 8});
        Path shortDims = Files.write(dir.resolve("b"), new byte[] {0, 0, 8, 3, 0, 0, 0, 1});

        String first = assertThrows(DatasetException.class, () -> IdxReader.readImages(shortMagic, true)).getMessage();
        String second = assertThrows(DatasetException.class, () -> IdxReader.readImages(shortDims, true)).getMessage();

        assertTrue(first.contains("expected an IDX file of at least 16 bytes, found 3"), first);
        assertTrue(second.contains("expected a header of 16 bytes, found 8"), second);
    }

    @Test
    void refusesDimensionsWhoseProductOverflowsBeforeAllocating() throws IOException {
        int huge = Integer.MAX_VALUE;
        Path overflow = IdxFixtures.write(dir.resolve("overflow"), IdxReader.IMAGES_MAGIC,
                new int[] {huge, huge, huge}, new byte[4]);
        Path negative = IdxFixtures.write(dir.resolve("negative"), IdxReader.IMAGES_MAGIC,
                new int[] {-1, 28, 28}, new byte[4]);

        String first = assertThrows(DatasetException.class, () -> IdxReader.readImages(overflow, true)).getMessage();
        String second = assertThrows(DatasetException.class, () -> IdxReader.readImages(negative, true)).getMessage();

        assertTrue(first.contains("2147483647x2147483647x2147483647 images"), first);
        assertTrue(second.contains("dimension 0 is 4294967295"), second);
    }

    @Test
    void refusesMoreValuesThanOneArrayHoldsEvenWhenTheFileMatches() throws IOException {
        // A sparse file of the declared length: 3 x 2^15 x 2^15 bytes without writing them.
        Path file = IdxFixtures.write(dir.resolve("big"), IdxReader.IMAGES_MAGIC, new int[] {3, 1 << 15, 1 << 15},
                new byte[0]);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[1]), 16L + 3L * (1 << 30) - 1);
        }

        String message = assertThrows(DatasetException.class, () -> IdxReader.readImages(file, true)).getMessage();

        assertTrue(message.contains("more than one Java array holds"), message);
    }
}
