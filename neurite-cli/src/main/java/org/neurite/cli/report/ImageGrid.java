package org.neurite.cli.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.neurite.tensor.Tensor;

/**
 * Draws rows of greyscale images side by side, one row per tensor (originals over their
 * reconstructions), each pixel enlarged to {@link #SCALE} x {@link #SCALE} and each image framed by
 * {@link #PADDING} dark-grey pixels. Values are clipped to [0, 1], 0 black and 1 white, as MNIST is drawn.
 */
public final class ImageGrid {
    /** Screen pixels per image pixel. */
    public static final int SCALE = 3;
    /** Pixels of frame on each side of an image. */
    public static final int PADDING = 2;
    private static final int FRAME = 0x404040;

    private ImageGrid() {
    }

    /**
     * Writes {@code rows} (each {@code (columns, height, width)}, all the same shape) to {@code file}
     * (PNG) of {@code columns·(width·SCALE + 2·PADDING)} by {@code rows·(height·SCALE + 2·PADDING)} pixels.
     */
    public static void write(List<Tensor> rows, Path file) throws IOException {
        Tensor first = rows.get(0);
        for (Tensor row : rows) {
            if (row.rank() != 3 || !row.sameShape(first)) {
                throw new IllegalArgumentException("image grid: expected rows of images (columns, height, width) of one"
                        + " shape, found " + java.util.Arrays.toString(row.shape()) + " beside "
                        + java.util.Arrays.toString(first.shape()));
            }
        }
        int columns = first.dim(0);
        int height = first.dim(1);
        int width = first.dim(2);
        int cellWidth = width * SCALE + 2 * PADDING;
        int cellHeight = height * SCALE + 2 * PADDING;
        BufferedImage image = new BufferedImage(columns * cellWidth, rows.size() * cellHeight, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, FRAME);
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < columns; c++) {
                drawImage(image, rows.get(r), c, c * cellWidth + PADDING, r * cellHeight + PADDING);
            }
        }
        ImageIO.write(image, "png", file.toFile());
    }

    private static void drawImage(BufferedImage image, Tensor images, int index, int left, int top) {
        for (int i = 0; i < images.dim(1); i++) {
            for (int j = 0; j < images.dim(2); j++) {
                int grey = Math.round(255 * Math.clamp(images.get(index, i, j), 0f, 1f));
                int rgb = grey << 16 | grey << 8 | grey;
                for (int dy = 0; dy < SCALE; dy++) {
                    for (int dx = 0; dx < SCALE; dx++) {
                        image.setRGB(left + j * SCALE + dx, top + i * SCALE + dy, rgb);
                    }
                }
            }
        }
    }
}
