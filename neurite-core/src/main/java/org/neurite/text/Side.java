package org.neurite.text;

/** Which end of a sequence {@link Sequences#padSequences} pads or truncates: Keras' {@code 'pre'} or {@code 'post'}. */
public enum Side {
    /** At the start: Keras' {@code 'pre'}, the default for both padding and truncating. */
    PRE,
    /** At the end: Keras' {@code 'post'}. */
    POST
}
