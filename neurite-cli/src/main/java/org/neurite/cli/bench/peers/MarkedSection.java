package org.neurite.cli.bench.peers;

/**
 * The part of a Markdown document between two marker comments, which a rerun replaces whole. A
 * document without the markers gets them, with the content and a heading, at its end.
 */
public final class MarkedSection {
    /** The comment that opens the generated part. */
    public static final String BEGIN = "<!-- neurite bench peers: begin (generated; rerun the command to replace) -->";
    /** The comment that closes it. */
    public static final String END = "<!-- neurite bench peers: end -->";
    private static final String HEADING = "## Neurite and its peers: `neurite bench peers`";

    private MarkedSection() {
    }

    /**
     * {@code document} with the text between the markers replaced by {@code content}.
     *
     * @throws IllegalArgumentException if only one marker is present, or the end comes before the begin
     */
    public static String replace(String document, String content) {
        int begin = document.indexOf(BEGIN);
        int end = document.indexOf(END);
        String body = BEGIN + "\n" + content.strip() + "\n" + END;
        if (begin < 0 && end < 0) {
            String separator = document.isEmpty() || document.endsWith("\n\n") ? "" : document.endsWith("\n") ? "\n" : "\n\n";
            return document + separator + HEADING + "\n\n" + body + "\n";
        }
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("PERFORMANCE.md: expected the markers '" + BEGIN + "' then '" + END
                    + "', found " + (begin < 0 ? "only the end marker" : "the end marker before the begin marker"));
        }
        return document.substring(0, begin) + body + document.substring(end + END.length());
    }
}
