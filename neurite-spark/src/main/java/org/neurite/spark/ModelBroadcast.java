package org.neurite.spark;

import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.neurite.models.Model;

/**
 * A model file shipped to the executors once: its bytes travel as a Spark broadcast (so executors
 * never need the file on their own disks), and each executor JVM loads them once into
 * {@link ModelCache}, under the SHA-256 of the bytes.
 */
final class ModelBroadcast implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String fileName;
    private final String sha256;
    private final Broadcast<byte[]> bytes;

    private ModelBroadcast(String fileName, String sha256, Broadcast<byte[]> bytes) {
        this.fileName = fileName;
        this.sha256 = sha256;
        this.bytes = bytes;
    }

    /** Reads {@code file} on the driver and broadcasts it; a missing file fails here, naming it. */
    static ModelBroadcast of(SparkSession spark, Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": model file not found on the driver");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read the model file: " + e.getMessage(), e);
        }
        return of(spark, file.toString(), content);
    }

    /** Broadcasts a model file's bytes, named {@code fileName} in errors. */
    static ModelBroadcast of(SparkSession spark, String fileName, byte[] content) {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return new ModelBroadcast(fileName, sha256(content), context.broadcast(content));
    }

    /** This JVM's copy of the model, loaded on first use. */
    Model model() {
        return ModelCache.get(sha256, fileName, bytes::value);
    }

    String fileName() {
        return fileName;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
