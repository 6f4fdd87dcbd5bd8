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
import org.neurite.cli.translate.Translation;

/**
 * Draws where a translation model looked: for each translation a grid with the input's characters
 * as columns and the output's symbols as rows, each cell as dark as the attention weight of that
 * output symbol on that input character (white 0, dark blue 1). Translations are stacked, each under
 * its input and output text, in one PNG.
 *
 * <pre>{@code
 * AttentionHeatMap.write(translator.translate(List.of("25th of November 2026"), 1), "dates", Path.of("attention.png"));
 * }</pre>
 */
public final class AttentionHeatMap {
    private static final int CELL = 22;
    private static final int MARGIN = 16;
    private static final int ROW_LABEL_WIDTH = 48;
    private static final int LINE = 18;
    private static final Color DARKEST = new Color(8, 48, 107);
    private static final Font FONT = new Font(Font.MONOSPACED, Font.PLAIN, 13);

    private AttentionHeatMap() {
    }

    /** Writes the heat maps of {@code translations} under {@code title} to {@code file} (PNG). */
    public static void write(List<Translation> translations, String title, Path file) throws IOException {
        int width = 2 * MARGIN + ROW_LABEL_WIDTH;
        int height = MARGIN + LINE;
        for (Translation t : translations) {
            width = Math.max(width, 2 * MARGIN + ROW_LABEL_WIDTH + CELL * t.source().size());
            height += panelHeight(t);
        }
        width = Math.max(width, 8 * title.length() + 2 * MARGIN);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setFont(FONT);
        g.setColor(Color.BLACK);
        g.drawString(title, MARGIN, MARGIN + 4);
        int y = MARGIN + LINE;
        for (Translation t : translations) {
            drawPanel(g, t, y);
            y += panelHeight(t);
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static int panelHeight(Translation t) {
        return 3 * LINE + CELL * Math.max(1, t.symbols().size()) + MARGIN;
    }

    /** One translation: its texts, the input characters over the columns, the grid with the output symbols beside it. */
    private static void drawPanel(Graphics2D g, Translation t, int top) {
        FontMetrics metrics = g.getFontMetrics();
        g.setColor(Color.BLACK);
        g.drawString("input:  " + String.join("", t.source()), MARGIN, top + LINE - 4);
        g.drawString("output: " + t.text(), MARGIN, top + 2 * LINE - 4);
        int gridLeft = MARGIN + ROW_LABEL_WIDTH;
        int gridTop = top + 3 * LINE;
        for (int s = 0; s < t.source().size(); s++) {
            String c = t.source().get(s).equals(" ") ? "\u2423" : t.source().get(s);   // a visible space
            g.drawString(c, gridLeft + s * CELL + (CELL - metrics.stringWidth(c)) / 2, gridTop - 4);
        }
        for (int row = 0; row < t.symbols().size(); row++) {
            String symbol = t.symbols().get(row);
            g.setColor(Color.BLACK);
            g.drawString(symbol, gridLeft - 6 - metrics.stringWidth(symbol), gridTop + row * CELL + CELL - 6);
            for (int s = 0; s < t.source().size(); s++) {
                g.setColor(shade(t.attention()[row][s]));
                g.fillRect(gridLeft + s * CELL, gridTop + row * CELL, CELL, CELL);
            }
        }
        g.setColor(Color.LIGHT_GRAY);
        g.drawRect(gridLeft, gridTop, CELL * t.source().size(), CELL * t.symbols().size());
    }

    /** White for 0 to {@link #DARKEST} for 1. */
    static Color shade(float weight) {
        float w = Math.max(0f, Math.min(1f, weight));
        return new Color(mix(255, DARKEST.getRed(), w), mix(255, DARKEST.getGreen(), w), mix(255, DARKEST.getBlue(), w));
    }

    private static int mix(int from, int to, float w) {
        return Math.round(from + (to - from) * w);
    }
}
