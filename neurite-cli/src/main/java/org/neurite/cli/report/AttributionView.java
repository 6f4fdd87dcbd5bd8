package org.neurite.cli.report;

import java.util.Locale;
import org.neurite.explain.Attribution;

/**
 * Shows an {@link Attribution}: words coloured in the terminal, or highlighted in an HTML page.
 * Green words pushed the explained probability up, red ones down; the stronger the colour, the
 * larger the attribution relative to the largest one in the text. Without colours each word is
 * followed by its score, {@code loved(+0.12)}.
 *
 * <pre>{@code
 * System.out.println(AttributionView.headline(a, "P(positive)"));
 * System.out.println(AttributionView.terminal(a, System.console() != null));
 * Files.writeString(Path.of("explanation.html"), AttributionView.html(a, "I loved this movie", "P(positive)"));
 * }</pre>
 */
public final class AttributionView {
    private static final String RESET = "\u001b[0m";

    private AttributionView() {
    }

    /**
     * What was explained and how: {@code what} (such as {@code P(positive)}) and its value, the method
     * and, for integrated gradients, the completeness gap.
     */
    public static String headline(Attribution a, String what) {
        String line = String.format(Locale.ROOT, "%s = %.4f, by %s", what, a.value(), methodName(a));
        if (a.method() == Attribution.Method.INTEGRATED_GRADIENTS) {
            line += String.format(Locale.ROOT, "%nthe attributions sum to f(text) - f(baseline) = %.4f - %.4f = %+.4f"
                            + " within %.2g (completeness gap)", a.value(), a.baselineValue(),
                    a.value() - a.baselineValue(), a.completenessGap());
        }
        return line;
    }

    /** The words in order, coloured with ANSI escapes, or plain {@code word(+0.12)} when {@code color} is false. */
    public static String terminal(Attribution a, boolean color) {
        StringBuilder out = new StringBuilder();
        float[] scores = a.scores();
        float max = a.maxMagnitude();
        for (int i = 0; i < scores.length; i++) {
            out.append(i == 0 ? "" : " ");
            String word = a.tokens().get(i);
            if (color) {
                int[] rgb = foreground(scores[i], max);
                out.append(String.format(Locale.ROOT, "\u001b[%s38;2;%d;%d;%dm%s%s",
                        Math.abs(scores[i]) > max / 2 ? "1;" : "", rgb[0], rgb[1], rgb[2], word, RESET));
            } else {
                out.append(String.format(Locale.ROOT, "%s(%+.2f)", word, scores[i]));
            }
        }
        return out.toString();
    }

    /** A page with the words on backgrounds of their colour, each word's score as its tooltip, and a legend. */
    public static String html(Attribution a, String title, String what) {
        StringBuilder words = new StringBuilder();
        float[] scores = a.scores();
        float max = a.maxMagnitude();
        for (int i = 0; i < scores.length; i++) {
            words.append(String.format(Locale.ROOT, "<span style=\"background:%s\" title=\"%+.4f\">%s</span> ",
                    background(scores[i], max), scores[i], escape(a.tokens().get(i))));
        }
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>%s</title>
                <style>body{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.9}
                span{padding:0.1em 0.15em;border-radius:0.2em}.legend span{margin-right:1em}</style></head>
                <body><h1>Why did the model say that?</h1>
                <p>%s</p>
                <p class="text">%s</p>
                <p class="legend"><span style="background:%s">pushed up</span><span style="background:%s">pushed down</span>
                stronger colour, larger effect (largest: %.4f); hover a word for its score</p>
                </body></html>
                """.formatted(escape(title), escape(headline(a, what)).replace("\n", "<br>"), words.toString().strip(),
                background(1, 1), background(-1, 1), max);
    }

    /** {@code & < > " '} as HTML entities, so that any text is shown as written. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String methodName(Attribution a) {
        return a.method() == Attribution.Method.INTEGRATED_GRADIENTS ? "integrated gradients over the embeddings"
                : "occlusion (the change when each word is removed)";
    }

    /** Grey for no effect, towards green (up) or red (down) with the relative magnitude. */
    private static int[] foreground(float score, float max) {
        float f = max == 0 ? 0 : Math.abs(score) / max;
        int grey = 150;
        return score >= 0
                ? new int[] {lerp(grey, 40, f), lerp(grey, 220, f), lerp(grey, 40, f)}
                : new int[] {lerp(grey, 235, f), lerp(grey, 40, f), lerp(grey, 40, f)};
    }

    private static String background(float score, float max) {
        float f = max == 0 ? 0 : Math.abs(score) / max;
        return String.format(Locale.ROOT, score >= 0 ? "rgba(0,170,0,%.2f)" : "rgba(220,0,0,%.2f)", 0.6f * f);
    }

    private static int lerp(int from, int to, float f) {
        return Math.round(from + (to - from) * f);
    }
}
