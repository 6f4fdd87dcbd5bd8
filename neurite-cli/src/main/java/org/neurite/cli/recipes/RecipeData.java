package org.neurite.cli.recipes;

import org.neurite.tensor.SparseRows;
import org.neurite.tensor.Tensor;
import org.neurite.text.TextVectorizationState;

/**
 * The training and test data of a recipe and, for recipes on raw text, the state of the vectorizer
 * that turned the texts into {@code trainX} and {@code testX} (else null); it is saved in the
 * model file so that the model can read new texts. Bag-of-words features come as
 * {@code sparseTrainX} and {@code sparseTestX} instead (then {@code trainX} and {@code testX} are
 * null), made dense only a batch at a time: see {@link #sparse}.
 */
public record RecipeData(Tensor trainX, Tensor trainY, Tensor testX, Tensor testY, TextVectorizationState vectorizer,
                         SparseRows sparseTrainX, SparseRows sparseTestX) {
    private static final int CHECKSUM_CHUNK = 1 << 16;

    /** Data that needs no vectorizer. */
    public RecipeData(Tensor trainX, Tensor trainY, Tensor testX, Tensor testY) {
        this(trainX, trainY, testX, testY, null);
    }

    /** Dense data with the vectorizer that made it. */
    public RecipeData(Tensor trainX, Tensor trainY, Tensor testX, Tensor testY, TextVectorizationState vectorizer) {
        this(trainX, trainY, testX, testY, vectorizer, null, null);
    }

    /** Sparse features (bag-of-words rows of a whole corpus) with their labels and vectorizer. */
    public static RecipeData sparse(SparseRows trainX, Tensor trainY, SparseRows testX, Tensor testY,
                                    TextVectorizationState vectorizer) {
        return new RecipeData(null, trainY, null, testY, vectorizer, trainX, testX);
    }

    /** Whether the features are sparse rows ({@code sparseTrainX}) rather than tensors ({@code trainX}). */
    public boolean isSparse() {
        return sparseTrainX != null;
    }

    /** The number of training samples. */
    public int trainSamples() {
        return isSparse() ? sparseTrainX.rows() : trainX.dim(0);
    }

    /** The SHA-256 of the training data's values (little-endian float32), recorded in model files. */
    public String trainingChecksum() {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(4 * CHECKSUM_CHUNK).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (Tensor t : new Tensor[] {isSparse() ? null : trainX, trainY}) {
                if (t == null) {
                    updateWithDenseRows(sha, bytes);   // the same bytes as the dense matrix
                    continue;
                }
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

    /** Hashes the sparse training rows as their dense values, a few rows at a time. */
    private void updateWithDenseRows(java.security.MessageDigest sha, java.nio.ByteBuffer bytes) {
        int rowsPerChunk = Math.max(1, CHECKSUM_CHUNK / Math.max(1, sparseTrainX.columns()));
        for (int start = 0; start < sparseTrainX.rows(); start += rowsPerChunk) {
            Tensor rows = sparseTrainX.slice(start, Math.min(sparseTrainX.rows(), start + rowsPerChunk));
            for (int from = 0; from < rows.size(); from += CHECKSUM_CHUNK) {
                int n = Math.min(CHECKSUM_CHUNK, rows.size() - from);
                bytes.clear();
                bytes.asFloatBuffer().put(rows.data(), rows.offset() + from, n);
                sha.update(bytes.array(), 0, 4 * n);
            }
        }
    }
}
