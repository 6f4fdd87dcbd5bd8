package org.neurite.io;

/**
 * Makes text from a file safe to repeat in a one-line error message: control characters are
 * escaped and long text is cut, saying how long it was, so that a 15 MB name in a forged header
 * is not echoed whole.
 *
 * <pre>{@code
 * throw json.error("unknown layer type '" + Echo.clip(className) + "'");
 * }</pre>
 */
final class Echo {
    /** The longest piece of file text repeated in a message. */
    static final int MAX_ECHO = 80;
    /** The longest message a refusal carries. */
    static final int MAX_MESSAGE = 600;

    private Echo() {
    }

    /** {@code text} on one line, cut to {@link #MAX_ECHO} characters. */
    static String clip(String text) {
        return clip(text, MAX_ECHO);
    }

    /** {@code text} on one line, cut to about {@code max} characters, saying how long it was. */
    static String clip(String text, int max) {
        if (text == null) {
            return "null";
        }
        String cut = text.length() > max ? text.substring(0, max) : text;
        StringBuilder sb = new StringBuilder(cut.length() + 32);
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (text.length() > max) {
            sb.append("... (").append(text.length()).append(" characters)");
        }
        return sb.toString();
    }
}
