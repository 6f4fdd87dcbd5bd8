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

    /**
     * {@code text} on one line, at most {@code max} characters of it with control characters escaped
     * (an escape counts its six characters), saying how long it was when cut.
     */
    static String clip(String text, int max) {
        if (text == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(Math.min(text.length(), max) + 32);
        int i = 0;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            String shown = c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' ? String.format("\\u%04x", (int) c)
                    : String.valueOf(c);
            if (sb.length() + shown.length() > max) {
                break;
            }
            sb.append(shown);
        }
        if (i < text.length()) {
            sb.append("... (").append(text.length()).append(" characters)");
        }
        return sb.toString();
    }
}
