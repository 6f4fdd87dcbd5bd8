package org.neurite.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.tensor.Tensor;

class ImageGridTest {
    private static final int WHITE = 0xFFFFFF;
    private static final int BLACK = 0x000000;

    @TempDir
    Path dir;

    @Test
    void eachTensorIsARowOfEnlargedFramedImagesClippedToZeroOne() throws IOException {
        Tensor white = Tensor.full(1.7f, 3, 4, 5);               // clipped to 1: white
        Tensor black = Tensor.full(-0.2f, 3, 4, 5);              // clipped to 0: black
        Path file = dir.resolve("grid.png");
        ImageGrid.write(List.of(white, black), file);

        BufferedImage image = ImageIO.read(file.toFile());
        int cellWidth = 5 * ImageGrid.SCALE + 2 * ImageGrid.PADDING;
        int cellHeight = 4 * ImageGrid.SCALE + 2 * ImageGrid.PADDING;
        assertEquals(3 * cellWidth, image.getWidth());
        assertEquals(2 * cellHeight, image.getHeight());
        int inside = ImageGrid.PADDING + 1;
        assertEquals(WHITE, image.getRGB(cellWidth + inside, inside) & WHITE, "second image of the first row");
        assertEquals(BLACK, image.getRGB(2 * cellWidth + inside, cellHeight + inside) & WHITE, "third of the second");
        assertEquals(0x404040, image.getRGB(0, 0) & WHITE, "the frame");
    }

    @Test
    void rowsOfDifferentShapesAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> ImageGrid.write(List.of(Tensor.zeros(2, 4, 4), Tensor.zeros(3, 4, 4)), dir.resolve("x.png")));
    }
}
