package org.neurite.text;

/** A growable {@code char[]} a thread reuses from text to text, so the hot loops allocate nothing per text. */
final class CharScratch {
    char[] chars = new char[256];
    int length;

    /** Makes room for {@code n} characters; the content is not kept. */
    char[] reserve(int n) {
        if (chars.length < n) {
            chars = new char[Math.max(n, chars.length * 2)];
        }
        return chars;
    }

    void set(String text) {
        text.getChars(0, text.length(), reserve(text.length()), 0);
        length = text.length();
    }

    @Override
    public String toString() {
        return new String(chars, 0, length);
    }
}
