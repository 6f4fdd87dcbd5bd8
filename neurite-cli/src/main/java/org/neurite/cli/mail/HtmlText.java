package org.neurite.cli.mail;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * The text a reader sees in an HTML mail part, through jsoup's lenient HTML5 parser: tags, comments,
 * scripts and style sheets go, entities are decoded, runs of white space become one space. The
 * {@code alt} text of images is kept, since image-only spam often says what it is there.
 */
final class HtmlText {
    private HtmlText() {
    }

    /** The visible text of {@code html}, which may be any fragment or broken markup. */
    static String of(String html) {
        Document document = Jsoup.parse(html);
        document.select("script, style").remove();
        StringBuilder text = new StringBuilder(document.text());
        document.select("img[alt]").forEach(img -> text.append(' ').append(img.attr("alt")));
        return text.toString().strip();
    }
}
