package org.neurite.cli.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * An e-mail reduced to what a spam filter reads: the subject, the sender and the text of the body,
 * parsed from the raw message (RFC 5322 headers, MIME parts) with Apache James mime4j.
 *
 * <p>Headers: {@code Subject} and {@code From}, with RFC 2047 encoded words decoded; routing headers
 * ({@code Received}, {@code Message-ID}, ...) are left out, since in a corpus they say more about
 * where it was collected than about the mail. Body: the text parts, each decoded from its transfer
 * encoding (quoted-printable, base64) and charset ({@link Charsets}: an unknown or missing charset
 * falls back to UTF-8 or windows-1252); HTML parts reduced to their visible text ({@link HtmlText});
 * of a {@code multipart/alternative}, the plain text when it has any, else the HTML; attached
 * messages read as mail; other attachments (images, archives) skipped. A leading mbox
 * {@code From } line is dropped.
 *
 * <p>Never throws for any bytes: parsing is lenient, and a message mime4j cannot read at all is
 * taken as plain text, as is a file that does not start with a header line (HTML stripped of its tags). {@link #BODY_LIMIT} bounds the body.
 *
 * <pre>{@code
 * Email mail = Email.parse(Files.readAllBytes(Path.of("offer.eml")));
 * mail.subject();    // "Save 70% today"
 * mail.asText();     // "Save 70% today\nJoe <joe@example.com>\n\nDear friend, ..."
 * }</pre>
 *
 * @param subject the decoded subject, empty when there is none
 * @param from the decoded {@code From} header as written ({@code Name <address>}), empty when none
 * @param body the text of the body's readable parts, separated by blank lines
 */
public record Email(String subject, String from, String body) {
    /** The most characters of body text kept; spam with megabytes of text gains nothing from more. */
    public static final int BODY_LIMIT = 100_000;
    /** Parts nested deeper than this (a hostile message) are not read. */
    private static final int MAX_DEPTH = 32;

    /** Parses a raw message; see the class comment. */
    public static Email parse(byte[] raw) {
        byte[] message = withoutMboxLine(raw);
        if (!startsWithHeader(message)) {
            return new Email("", "", limited(plainOrHtml(Charsets.fallback(message).strip())));
        }
        try (InputStream in = new ByteArrayInputStream(message)) {
            Message parsed = builder().parseMessage(in);
            StringBuilder body = new StringBuilder();
            appendText(parsed, body, 0);
            return new Email(header(parsed, "Subject"), header(parsed, "From"), limited(body.toString().strip()));
        } catch (IOException | RuntimeException unreadable) {
            // mime4j is lenient, so this is a damaged message; its bytes are still the best text there is.
            return new Email("", "", limited(plainOrHtml(Charsets.fallback(message).strip())));
        }
    }

    /** The text a model reads: subject, sender and body on lines of their own. */
    public String asText() {
        return subject + "\n" + from + "\n\n" + body;
    }

    private static DefaultMessageBuilder builder() {
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(new MimeConfig.Builder().setStrictParsing(false).setMaxLineLen(-1)
                .setMaxHeaderLen(-1).setMaxHeaderCount(-1).setMalformedHeaderStartsBody(true).build());
        builder.setDecodeMonitor(DecodeMonitor.SILENT);
        return builder;
    }

    /** The message less a first line {@code From sender date} that mbox files put before the headers. */
    private static byte[] withoutMboxLine(byte[] raw) {
        if (raw.length < 5 || !new String(raw, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1).equals("From ")) {
            return raw;
        }
        int end = 0;
        while (end < raw.length && raw[end] != '\n') {
            end++;
        }
        return java.util.Arrays.copyOfRange(raw, Math.min(raw.length, end + 1), raw.length);
    }

    /**
     * Whether the first line is a header field ({@code Name: value}); a file that starts otherwise is
     * plain text (or HTML) without headers, which mime4j would cut at its first line.
     */
    private static boolean startsWithHeader(byte[] message) {
        int i = 0;
        while (i < message.length && message[i] > ' ' && message[i] < 127 && message[i] != ':') {
            i++;
        }
        return i > 0 && i < message.length && message[i] == ':';
    }

    /** Text without headers: HTML when it starts with a tag, else as it is. */
    private static String plainOrHtml(String text) {
        return text.startsWith("<") ? HtmlText.of(text) : text;
    }

    /** A header's value with encoded words decoded, or empty. */
    private static String header(Entity entity, String name) {
        Field field = entity.getHeader() == null ? null : entity.getHeader().getField(name);
        if (field == null || field.getBody() == null) {
            return "";
        }
        return DecoderUtil.decodeEncodedWords(field.getBody(), DecodeMonitor.SILENT).strip();
    }

    /** Appends the readable text of {@code entity} to {@code out}, as the class comment says. */
    private static void appendText(Entity entity, StringBuilder out, int depth) throws IOException {
        Body body = entity.getBody();
        if (depth > MAX_DEPTH || body == null || out.length() > BODY_LIMIT) {
            return;
        }
        switch (body) {
            case Multipart multipart -> {
                List<Entity> parts = multipart.getBodyParts();
                boolean alternative = "multipart/alternative".equalsIgnoreCase(entity.getMimeType());
                for (Entity part : alternative && !parts.isEmpty() ? List.of(preferred(parts)) : parts) {
                    appendText(part, out, depth + 1);
                }
            }
            case Message attached -> {
                separate(out).append(header(attached, "Subject"));
                appendText(attached, out, depth + 1);
            }
            case SingleBody single -> appendSingle(entity, single, out);
            default -> { }
        }
    }

    private static void appendSingle(Entity entity, SingleBody body, StringBuilder out) throws IOException {
        String type = entity.getMimeType().toLowerCase(Locale.ROOT);
        if (!type.startsWith("text/")) {
            return;   // images, archives, programs: nothing a reader would read
        }
        byte[] bytes;
        try (InputStream in = body.getInputStream()) {
            bytes = in.readNBytes(4 * BODY_LIMIT);   // decoded from quoted-printable or base64
        }
        String text = Charsets.decode(bytes, entity.getCharset());
        separate(out).append(type.equals("text/html") ? HtmlText.of(text) : text.strip());
    }

    /** Of the alternatives, the first plain text part with any text, else the last part (the richest). */
    private static Entity preferred(List<Entity> parts) {
        for (Entity part : parts) {
            if ("text/plain".equalsIgnoreCase(part.getMimeType()) && part.getBody() instanceof SingleBody single
                    && hasText(single)) {
                return part;
            }
        }
        return parts.getLast();
    }

    private static boolean hasText(SingleBody body) {
        try (InputStream in = body.getInputStream()) {
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (!Character.isWhitespace(b)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static StringBuilder separate(StringBuilder out) {
        return out.isEmpty() ? out : out.append("\n\n");
    }

    private static String limited(String text) {
        return text.length() <= BODY_LIMIT ? text : text.substring(0, BODY_LIMIT);
    }
}
