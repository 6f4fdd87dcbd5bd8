package org.neurite.cli.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EmailTest {
    private static final int RANDOM_MESSAGES = 200;

    @Test
    void multipartMessageKeepsThePlainAlternativeAndSkipsTheImageAttachment() throws IOException {
        Email mail = fixture("multipart.eml");

        assertEquals("Minutes of the planning meeting", mail.subject());
        assertEquals("Alice Example <alice@example.org>", mail.from());
        assertEquals("Hi Bob, the minutes are attached. We agreed to ship on Friday.", mail.body());
    }

    @Test
    void routingHeadersAndTheMboxLineAreLeftOut() throws IOException {
        String text = fixture("multipart.eml").asText();

        assertFalse(text.contains("Received") || text.contains("relay") || text.contains("Mon Nov 30"), text);
        assertFalse(text.contains("iVBOR"), "the base64 image is not text: " + text);
    }

    @Test
    void htmlOnlyMessageIsReducedToItsVisibleTextAndImageAltTexts() throws IOException {
        Email mail = fixture("html-only.eml");

        assertEquals("Save 70% \u2013 today only", mail.subject());
        assertEquals("\"Best Deals\" <deals@offers.example>", mail.from());
        assertTrue(mail.body().contains("CLICK HERE for your FREE quote & save!"), mail.body());
        assertTrue(mail.body().contains("Cheap pills"), mail.body());
        assertFalse(mail.body().contains("<") || mail.body().contains("tracking") || mail.body().contains("color")
                || mail.body().contains("comment"), mail.body());
    }

    @Test
    void linksLeaveTheirHostNamesBehind() {
        String html = "Subject: s\nContent-Type: text/html\n\n<a href=\"http://cheap.example/buy?id=1\"><img src=x></a>"
                + "<a href=\"mailto:x@y\">mail</a> <a href=\"http://[bad\">bad</a>";

        assertEquals("mail bad cheap.example", Email.parse(html.getBytes(StandardCharsets.UTF_8)).body());
    }

    @Test
    void quotedPrintableLatin1BodyAndEncodedWordsAreDecoded() throws IOException {
        Email mail = fixture("quoted-printable.eml");

        assertEquals("R\u00e9union de l'\u00e9quipe", mail.subject());
        assertEquals("Ren\u00e9 Dupont <rene@example.fr>", mail.from());
        assertEquals("La r\u00e9union est d\u00e9plac\u00e9e \u00e0 jeudi, caf\u00e9 compris. Cette ligne est"
                + " tr\u00e8s longue et coup\u00e9e en deux.", mail.body());
    }

    @Test
    void base64Utf8BodyIsDecoded() throws IOException {
        assertEquals("Gr\u00fc\u00dfe aus K\u00f6ln: the parcel arrived, thank you.", fixture("base64.eml").body());
    }

    @Test
    void unknownCharsetFallsBackToWindows1252ForBytesThatAreNotUtf8() throws IOException {
        Email mail = fixture("bad-charset.eml");

        assertEquals("Caf\u00e9 cr\u00e8me for lunch, see you at noon.", mail.body());
        assertTrue(mail.subject().endsWith("menu"), mail.subject());
    }

    @Test
    void brokenMimeStillGivesTheSubjectAndNoError() throws IOException {
        Email mail = fixture("broken.eml");

        assertEquals("Broken structure", mail.subject());
        assertEquals("broken@example.com", mail.from());
    }

    @Test
    void textThatIsNoMailAtAllBecomesTheBody() {
        Email mail = Email.parse("just a line of text\nand another".getBytes(StandardCharsets.UTF_8));

        assertEquals("", mail.subject());
        assertEquals("just a line of text\nand another", mail.body());
    }

    @Test
    void emptyInputIsAnEmptyMail() {
        assertEquals(new Email("", "", ""), Email.parse(new byte[0]));
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(7);
        for (int i = 0; i < RANDOM_MESSAGES; i++) {
            byte[] junk = new byte[random.nextInt(2_000)];
            random.nextBytes(junk);
            byte[] headed = ("Content-Type: multipart/mixed; boundary=b\n\n--b\n" + i).getBytes(StandardCharsets.UTF_8);
            Email.parse(junk);
            Email.parse(concat(headed, junk));
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static Email fixture(String name) throws IOException {
        try (InputStream in = EmailTest.class.getResourceAsStream("/mail/" + name)) {
            return Email.parse(in.readAllBytes());
        }
    }
}
