package org.neurite.text;

import java.util.Arrays;

/**
 * A hash set of tokens numbered 0, 1, 2, ... in insertion order, looked up by a range of a
 * {@code char[]} as well as by a String, so the hot loops of {@link TextVectorization} never make a
 * String for a token they already know. Hashes are {@link String#hashCode()}'s, computed by the
 * caller while it scans the characters.
 *
 * <p>Open addressing with linear probing, at most half full. Not thread-safe for insertion;
 * lookups of a table no longer modified may run concurrently.
 */
final class TokenTable {
    private int[] slots = new int[16];   // id + 1, or 0 when empty
    private char[][] keys = new char[8][];
    private int[] hashes = new int[8];
    private int size;

    /** The hash {@link String#hashCode()} gives the characters {@code chars[from, to)}. */
    static int hash(char[] chars, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + chars[i];
        }
        return h;
    }

    int size() {
        return size;
    }

    /** The id of {@code chars[from, to)}, whose hash is {@code hash}, or -1 when absent. */
    int find(char[] chars, int from, int to, int hash) {
        int mask = slots.length - 1;
        for (int s = spread(hash) & mask; ; s = (s + 1) & mask) {
            int id = slots[s] - 1;
            if (id < 0) {
                return -1;
            }
            if (hashes[id] == hash && Arrays.equals(keys[id], 0, keys[id].length, chars, from, to)) {
                return id;
            }
        }
    }

    int find(String token) {
        char[] chars = token.toCharArray();
        return find(chars, 0, chars.length, token.hashCode());
    }

    /** The id of {@code chars[from, to)}, added as the next id when absent. */
    int add(char[] chars, int from, int to, int hash) {
        int mask = slots.length - 1;
        int s = spread(hash) & mask;
        for (; slots[s] != 0; s = (s + 1) & mask) {
            int id = slots[s] - 1;
            if (hashes[id] == hash && Arrays.equals(keys[id], 0, keys[id].length, chars, from, to)) {
                return id;
            }
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            hashes = Arrays.copyOf(hashes, size * 2);
        }
        keys[size] = Arrays.copyOfRange(chars, from, to);
        hashes[size] = hash;
        slots[s] = ++size;
        if (size * 2 > slots.length) {
            rehash();
        }
        return size - 1;
    }

    int add(String token) {
        char[] chars = token.toCharArray();
        return add(chars, 0, chars.length, token.hashCode());
    }

    /** The characters of the token with this id (not a copy: do not modify). */
    char[] chars(int id) {
        return keys[id];
    }

    int hash(int id) {
        return hashes[id];
    }

    /** The token with this id. */
    String token(int id) {
        return new String(keys[id]);
    }

    private void rehash() {
        slots = new int[slots.length * 2];
        int mask = slots.length - 1;
        for (int id = 0; id < size; id++) {
            int s = spread(hashes[id]) & mask;
            while (slots[s] != 0) {
                s = (s + 1) & mask;
            }
            slots[s] = id + 1;
        }
    }

    /** String hashes of similar words differ in their low bits too little for a power-of-two table. */
    private static int spread(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
