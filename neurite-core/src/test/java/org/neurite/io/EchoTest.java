package org.neurite.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Text echoed from a file stays on one line and within its bound, however many characters it escapes. */
class EchoTest {
    @Test
    void shortTextComesBackWithControlCharactersEscaped() {
        assertEquals("a\\u000ab", Echo.clip("a\nb", 20));
    }

    @Test
    void escapesCountTowardsTheBound() {
        String hostile = "\u0001".repeat(1000);
        String shown = Echo.clip(hostile, 600);
        assertTrue(shown.startsWith("\\u0001"), shown);
        assertTrue(shown.endsWith("... (1000 characters)"), shown);
        assertTrue(shown.length() <= 600 + "... (1000 characters)".length(), shown.length() + " characters");
    }

    @Test
    void longPlainTextIsCutAtTheBound() {
        assertEquals("abc... (6 characters)", Echo.clip("abcdef", 3));
    }
}
