package org.neurite.cli.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.neurite.train.ConfusionMatrix;

/**
 * Draws a confusion matrix as scikit-learn's {@code ConfusionMatrixDisplay} does: one square per
 * (true, predicted) pair, shaded by the share of its true class (so rare classes show as clearly as
 * common ones), the count written inside, class names along both axes. Saved as PNG.
 */
public final class ConfusionMatrixPlot {
    private static final int CELL = 64;
    private static final int MARGIN = 24;
    private static final Color EMPTY = new Color(247, 251, 255);
    private static final Color FULL = new Color(8, 48, 107);

    private ConfusionMatrixPlot() {
    }

    /** Writes the matrix, rows and columns named by {@code classes}, to {@code file}. */
    public static void write(ConfusionMatrix matrix, List<String> classes, String title, Path file) throws IOException {
        int k = matrix.classes();
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
        FontMetrics metrics = probe.createGraphics().getFontMetrics(font);
        int label = classes.stream().mapToInt(metrics::stringWidth).max().orElse(0) + 12;
        int left = MARGIN + label + 16;
        int top = MARGIN + 24;
        int width = left + k * CELL + MARGIN;
        int height = top + k * CELL + label + 28 + MARGIN;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setFont(font);
        g.setColor(Color.BLACK);
        g.drawString(title, MARGIN, MARGIN);
        for (int t = 0; t < k; t++) {
            long support = Math.max(1, matrix.support(t));
            for (int p = 0; p < k; p++) {
                double share = (double) matrix.count(t, p) / support;
                g.setColor(blend(share));
                g.fillRect(left + p * CELL, top + t * CELL, CELL, CELL);
                g.setColor(share > 0.5 ? Color.WHITE : Color.BLACK);
                String count = Long.toString(matrix.count(t, p));
                g.drawString(count, left + p * CELL + (CELL - metrics.stringWidth(count)) / 2, top + t * CELL + CELL / 2 + 5);
            }
            g.setColor(Color.BLACK);
            g.drawString(classes.get(t), left - 8 - metrics.stringWidth(classes.get(t)), top + t * CELL + CELL / 2 + 5);
        }
        drawColumnNames(g, classes, left, top + k * CELL + 8);
        g.drawString("rows: true class, columns: predicted class", MARGIN, height - MARGIN / 2);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    /** Column names written downwards, so long names do not overlap. */
    private static void drawColumnNames(Graphics2D g, List<String> classes, int left, int y) {
        for (int p = 0; p < classes.size(); p++) {
            Graphics2D turned = (Graphics2D) g.create();
            turned.translate(left + p * CELL + CELL / 2 - 4, y);
            turned.rotate(Math.PI / 2);
            turned.drawString(classes.get(p), 0, 0);
            turned.dispose();
        }
    }

    private static Color blend(double share) {
        return new Color(mix(EMPTY.getRed(), FULL.getRed(), share), mix(EMPTY.getGreen(), FULL.getGreen(), share),
                mix(EMPTY.getBlue(), FULL.getBlue(), share));
    }

    private static int mix(int from, int to, double share) {
        return (int) Math.round(from + (to - from) * share);
    }
}
