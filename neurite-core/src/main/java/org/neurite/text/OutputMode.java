package org.neurite.text;

/**
 * What {@link TextVectorization} outputs for each text, as Keras' {@code output_mode}.
 *
 * <p>In {@link #INT} mode the vocabulary starts with the padding token {@code ""} (index 0) and the
 * OOV token {@code "[UNK]"} (index 1); in the other modes there is no padding token and
 * {@code "[UNK]"} is index 0.
 */
public enum OutputMode {
    /** Token ids {@code (batch, length)}. */
    INT("int"),
    /** 1 where a vocabulary entry occurs in the text, else 0: {@code (batch, vocabulary)}. */
    MULTI_HOT("multi_hot"),
    /** How many times each vocabulary entry occurs in the text: {@code (batch, vocabulary)}. */
    COUNT("count"),
    /** Counts times inverse document frequencies learned by {@code adapt}: {@code (batch, vocabulary)}. */
    TF_IDF("tf_idf");

    private final String kerasName;

    OutputMode(String kerasName) {
        this.kerasName = kerasName;
    }

    /** The value of Keras' {@code output_mode} argument. */
    public String kerasName() {
        return kerasName;
    }

    /** The constant named {@code name} in Keras, accepting its old spellings {@code binary} and {@code tf-idf}. */
    public static OutputMode fromKerasName(String name) {
        String canonical = switch (name) {
            case "binary" -> "multi_hot";
            case "tf-idf" -> "tf_idf";
            default -> name;
        };
        for (OutputMode mode : values()) {
            if (mode.kerasName.equals(canonical)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("output_mode must be int, multi_hot, count or tf_idf; got '" + name + "'");
    }
}
