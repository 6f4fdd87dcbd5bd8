package org.neurite.io;

/**
 * The largest things a model file may declare. The checksum proves that a file is intact, not that
 * it is sane: a forged file with a recomputed checksum can declare anything, so every size a file
 * declares is bounded here, on its own, before anything that size is allocated. Each limit is far
 * above what a real text-mining model needs and low enough that a refusal takes well under a second
 * and a few tens of megabytes. {@code docs/formats/model-file.md} explains each one.
 *
 * <p>Weights need no limit of their own: a model may only create the weights the file holds, each
 * with the shape it has there (see {@link org.neurite.nn.Network#buildForLoading}), so the largest
 * tensor is bounded by the file, which is at most 2 GiB.
 *
 * <pre>{@code
 * if (layers.size() > ModelFileLimits.MAX_LAYERS) { ... }
 * }</pre>
 */
public final class ModelFileLimits {
    /** Header bytes: a 10,000-layer model's header is a few MB; the parsed tree costs up to ~10x. */
    public static final long MAX_HEADER_BYTES = 16L << 20;
    /** JSON values (objects, arrays, scalars) in the header; bounds the parsed tree to ~100 MB. */
    public static final long MAX_JSON_VALUES = 1_000_000;
    /** JSON nesting depth; the deepest header Neurite writes (a Bidirectional layer) nests 8 levels. */
    public static final int MAX_JSON_DEPTH = 32;
    /** Characters of one JSON string or field name (a name, an activation, a metadata value). */
    public static final int MAX_STRING_CHARS = 1 << 20;
    /** Layers of a model, and applications of layers (nodes) of a functional graph. */
    public static final int MAX_LAYERS = 10_000;
    /** Rank of a tensor or an input shape (Keras' largest kernels have rank 5). */
    public static final int MAX_RANK = 8;
    /**
     * Tokens of a vectorizer's vocabulary, and its {@code max_tokens} (the output width with
     * {@code pad_to_max_tokens}): 2^20, far above real vocabularies (Keras' examples use 20,000),
     * while a loaded token costs about 100 bytes of memory.
     */
    public static final int MAX_VOCABULARY = 1 << 20;
    /** A vectorizer's n-gram order: a text of t tokens makes about t x order n-grams of up to order words. */
    public static final int MAX_NGRAM_ORDER = 16;
    /** A vectorizer's {@code output_sequence_length}: each text becomes a row this long. */
    public static final int MAX_SEQUENCE_LENGTH = 1 << 20;

    private ModelFileLimits() {
    }
}
