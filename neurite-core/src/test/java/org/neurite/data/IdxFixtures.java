package org.neurite.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small IDX files for tests: a big-endian header, then the given bytes. */
final class IdxFixtures {
    private IdxFixtures() {
    }

    /** Writes {@code magic}, then each of {@code dims}, then {@code data}. */
    static Path write(Path file, int magic, int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(data);
        return Files.write(file, bytes.toByteArray());
    }

    /** Images whose pixel {@code i} (counting over all images) is {@code i % 256}. */
    static Path images(Path file, int count, int height, int width) throws IOException {
        byte[] pixels = new byte[count * height * width];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) i;
        }
        return write(file, IdxReader.IMAGES_MAGIC, new int[] {count, height, width}, pixels);
    }

    static Path labels(Path file, int... labels) throws IOException {
        byte[] data = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            data[i] = (byte) labels[i];
        }
        return write(file, IdxReader.LABELS_MAGIC, new int[] {labels.length}, data);
    }

    /** A folder with the four files of an MNIST-style dataset: 3 training and 2 test images of 2x3. */
    static Path folder(Path folder) throws IOException {
        images(folder.resolve(ImageDatasets.TRAIN_IMAGES), 3, 2, 3);
        labels(folder.resolve(ImageDatasets.TRAIN_LABELS), 0, 4, 2);
        images(folder.resolve(ImageDatasets.TEST_IMAGES), 2, 2, 3);
        labels(folder.resolve(ImageDatasets.TEST_LABELS), 1, 3);
        return folder;
    }
}
