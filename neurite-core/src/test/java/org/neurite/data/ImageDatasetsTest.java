package org.neurite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDatasetsTest {
    @TempDir
    Path dir;

    @Test
    void loadsBothPartsOfAFolderOfIdxFilesScaledToUnit() throws IOException {
        Split<ImageDataset> split = ImageDatasets.fromIdxFolder(IdxFixtures.folder(dir));

        ImageDataset train = split.train();
        assertEquals(3, train.count());
        assertEquals(6, train.features());
        assertEquals(5, train.classes()); // one more than the largest label, 4
        assertArrayEquals(new int[] {0, 4, 2}, train.labels());
        assertEquals(7 / 255f, train.images()[7]);
        assertEquals(2, split.test().count());
        assertEquals(5, split.test().classes());
    }

    @Test
    void aMissingFileIsNamedWithTheFilesAFolderNeeds() throws IOException {
        Path folder = IdxFixtures.folder(dir);
        Files.delete(folder.resolve(ImageDatasets.TEST_LABELS));

        String message = assertThrows(DatasetException.class, () -> ImageDatasets.fromIdxFolder(folder)).getMessage();

        assertTrue(message.startsWith(folder.resolve(ImageDatasets.TEST_LABELS) + ": missing"), message);
    }

    @Test
    void aFolderWhereAFileShouldBeIsNamedAsAFolder() throws IOException {
        Path folder = IdxFixtures.folder(dir);
        Files.delete(folder.resolve(ImageDatasets.TEST_LABELS));
        Files.createDirectory(folder.resolve(ImageDatasets.TEST_LABELS));

        String message = assertThrows(DatasetException.class, () -> ImageDatasets.fromIdxFolder(folder)).getMessage();

        assertTrue(message.startsWith(folder.resolve(ImageDatasets.TEST_LABELS) + ": expected a file, found a folder"),
                message);
    }

    @Test
    void labelsThatDoNotMatchTheImagesAreRefused() throws IOException {
        Path folder = IdxFixtures.folder(dir);
        IdxFixtures.labels(folder.resolve(ImageDatasets.TRAIN_LABELS), 1, 2);

        String message = assertThrows(DatasetException.class, () -> ImageDatasets.fromIdxFolder(folder)).getMessage();

        assertTrue(message.contains("2 labels for 3 images"), message);
    }

    @Test
    void theRecordChecksItsSizesAndLabels() {
        assertThrows(IllegalArgumentException.class, () -> new ImageDataset(new float[5], new int[1], 1, 2, 3, 10));
        assertThrows(IllegalArgumentException.class, () -> new ImageDataset(new float[6], new int[] {10}, 1, 2, 3, 10));
    }
}
