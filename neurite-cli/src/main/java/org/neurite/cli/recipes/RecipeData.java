package org.neurite.cli.recipes;

import org.neurite.tensor.Tensor;
import org.neurite.text.TextVectorizationState;

/**
 * The training and test data of a recipe and, for recipes on raw text, the state of the vectorizer
 * that turned the texts into {@code trainX} and {@code testX} (else null); it is saved in the
 * model file so that the model can read new texts.
 */
public record RecipeData(Tensor trainX, Tensor trainY, Tensor testX, Tensor testY, TextVectorizationState vectorizer) {
    /** Data that needs no vectorizer. */
    public RecipeData(Tensor trainX, Tensor trainY, Tensor testX, Tensor testY) {
        this(trainX, trainY, testX, testY, null);
    }

    /** The SHA-256 of the training data's values (little-endian float32), recorded in model files. */
    public String trainingChecksum() {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            for (Tensor t : new Tensor[] {trainX, trainY}) {
                java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(4 * t.size()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                bytes.asFloatBuffer().put(t.data(), t.offset(), t.size());
                sha.update(bytes);
            }
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
