package org.neurite.cli.recipes;

import org.neurite.tensor.Tensor;
import org.neurite.text.TextVectorizationState;

/**
 * The training and test data of a recipe and, for recipes on raw text, the state of the vectorizer
 * that turned the texts into {@code trainX} and {@code testX} (else null); it is saved in the
 * model file so that the model can read new texts.
 */
public record RecipeData(Tensor trainX, Tensor trainY, Tensor testX, Tensor testY, TextVectorizationState vectorizer) {
    private static final int CHECKSUM_CHUNK = 1 << 16;

    /** Data that needs no vectorizer. */
    public RecipeData(Tensor trainX, Tensor trainY, Tensor testX, Tensor testY) {
        this(trainX, trainY, testX, testY, null);
    }

    /** The SHA-256 of the training data's values (little-endian float32), recorded in model files. */
    public String trainingChecksum() {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(4 * CHECKSUM_CHUNK).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (Tensor t : new Tensor[] {trainX, trainY}) {
                for (int start = 0; start < t.size(); start += CHECKSUM_CHUNK) {   // in chunks: text data can be GBs
                    int n = Math.min(CHECKSUM_CHUNK, t.size() - start);
                    bytes.clear();
                    bytes.asFloatBuffer().put(t.data(), t.offset() + start, n);
                    sha.update(bytes.array(), 0, 4 * n);
                }
            }
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
