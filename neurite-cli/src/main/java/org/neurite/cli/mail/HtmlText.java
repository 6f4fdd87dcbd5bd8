package org.neurite.cli.mail;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The text a reader sees in an HTML mail part, through jsoup's lenient HTML5 parser: tags, comments,
 * scripts and style sheets go, entities are decoded, runs of white space become one space. Two
 * things a reader sees without reading are kept after the text: the {@code alt} text of images and
 * the host names that links lead to, since image-only spam often says nothing else.
 */
final class HtmlText {
    private HtmlText() {
    }

    /** The visible text of {@code html}, which may be any fragment or broken markup. */
    static String of(String html) {
        Document document = Jsoup.parse(html);
        document.select("script, style").remove();
        StringBuilder text = new StringBuilder(document.text());
        for (Element img : document.select("img[alt]")) {
            text.append(' ').append(img.attr("alt"));
        }
        for (Element link : document.select("a[href]")) {
            String host = host(link.attr("href"));
            if (host != null) {
                text.append(' ').append(host);
            }
        }
        return text.toString().strip();
    }

    /** The host of an absolute http(s) link, or null for other or malformed links. */
    private static String host(String href) {
        try {
            URI uri = new URI(href.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return scheme.startsWith("http") ? uri.getHost() : null;
        } catch (URISyntaxException malformed) {
            return null;
        }
    }
}
