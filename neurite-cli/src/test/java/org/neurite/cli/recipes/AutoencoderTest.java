package org.neurite.cli.recipes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.cli.Main;
import org.neurite.cli.report.CodeScatterPlot;
import org.neurite.cli.report.ImageGrid;
import org.neurite.data.ImageDatasets;
import org.neurite.models.Model;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.testing.Tolerances;

class AutoencoderTest {
    /** Power iteration converges to the leading direction well within this. */
    private static final double DIRECTION = 1e-3;

    @TempDir
    Path dir;

    @Test
    void trainsEndToEndOnTinyImagesAndWritesBothPlots() throws IOException {
        Path data = idxFolder(dir.resolve("digits"), 12, 40, 20);
        String out = runMain("train", "autoencoder", "--data", data.toString(), "--code", "2", "--epochs", "1",
                "--out", dir.resolve("out").toString());

        assertTrue(out.matches("(?s).*\\ntest_mse=0\\.[0-9]{4}\\n.*"), out);
        BufferedImage grid = ImageIO.read(dir.resolve("out/reconstructions.png").toFile());
        int cell = 12 * ImageGrid.SCALE + 2 * ImageGrid.PADDING;
        assertEquals(10 * cell, grid.getWidth(), "one column per digit present in the test images");
        assertEquals(2 * cell, grid.getHeight(), "originals over reconstructions");
        BufferedImage codes = ImageIO.read(dir.resolve("out/codes.png").toFile());
        assertEquals(CodeScatterPlot.WIDTH, codes.getWidth());
        assertEquals(CodeScatterPlot.HEIGHT, codes.getHeight());
    }

    @Test
    void theCodeHasTheChosenSizeAndTheOutputTheImagesShape() {
        Recipe recipe = new Autoencoder().configured(List.of("--code", "5"));
        Model model = recipe.model(1);
        Tensor images = Tensor.uniform(new Rng(2), 0f, 1f, 3, 28, 28);
        assertArrayEquals(new int[] {3, 28, 28}, model.predict(images).shape());
        assertArrayEquals(new int[] {3, 5}, Autoencoder.encode(model, images).shape());
        assertEquals(32, ((Autoencoder) new Autoencoder().configured(List.of())).codeSize());
        assertThrows(IllegalArgumentException.class, () -> new Autoencoder().configured(List.of("--code", "0")));
    }

    @Test
    void principalComponentsFindTheDirectionsOfLargestVariance() {
        Random random = new Random(4);
        int n = 2000;
        float[] points = new float[n * 3];
        double s = Math.sqrt(0.5);
        for (int i = 0; i < n; i++) {
            double a = 5 * random.nextGaussian();             // along (1, 1, 0)/√2
            double b = 2 * random.nextGaussian();             // along (0, 0, 1)
            double c = 0.1 * random.nextGaussian();           // along (1, -1, 0)/√2
            points[3 * i] = (float) (a * s + c * s + 7);
            points[3 * i + 1] = (float) (a * s - c * s - 1);
            points[3 * i + 2] = (float) (b + 3);
        }
        Tensor x = Tensor.of(points, n, 3);
        PrincipalComponents pca = PrincipalComponents.fit(x, 2);
        double[] first = pca.component(0);
        double[] second = pca.component(1);
        assertEquals(1.0, Math.abs(first[0] * s + first[1] * s), DIRECTION);
        assertEquals(1.0, Math.abs(second[2]), DIRECTION);
        float[][] plane = pca.project(x);
        double mean = 0;
        for (float[] p : plane) {
            mean += p[0] / n;
        }
        assertEquals(0.0, mean, Tolerances.REORDERED_SUMS * 100, "projections are centred");
    }

    @Test
    void firstOfEachClassPicksOneImagePerDigitInClassOrder() {
        var data = new org.neurite.data.ImageDataset(new float[5], new int[] {3, 1, 3, 0, 1}, 5, 1, 1, 4);
        assertArrayEquals(new int[] {3, 1, 0}, Autoencoder.firstOfEachClass(data));
    }

    /** A folder of MNIST-named IDX files: random images of {@code size}², labels cycling through 0-9. */
    private static Path idxFolder(Path folder, int size, int train, int test) throws IOException {
        Files.createDirectories(folder);
        Random random = new Random(1);
        for (var part : List.of(List.of(ImageDatasets.TRAIN_IMAGES, ImageDatasets.TRAIN_LABELS, train),
                List.of(ImageDatasets.TEST_IMAGES, ImageDatasets.TEST_LABELS, test))) {
            int count = (Integer) part.get(2);
            byte[] pixels = new byte[count * size * size];
            random.nextBytes(pixels);
            byte[] labels = new byte[count];
            for (int i = 0; i < count; i++) {
                labels[i] = (byte) (i % 10);
            }
            write(folder.resolve((String) part.get(0)), 0x803, new int[] {count, size, size}, pixels);
            write(folder.resolve((String) part.get(1)), 0x801, new int[] {count}, labels);
        }
        return folder;
    }

    private static void write(Path file, int magic, int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(data);
        Files.write(file, bytes.toByteArray());
    }

    private static synchronized String runMain(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            assertEquals(0, Main.run(args));
        } finally {
            System.setOut(saved);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
