package org.neurite.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.neurite.nn.Activation;
import org.neurite.nn.Initializer;
import org.neurite.nn.Input;
import org.neurite.nn.Network;
import org.neurite.nn.Regularizer;
import org.neurite.nn.SequentialNetwork;
import org.neurite.nn.SymbolicTensor;
import org.neurite.nn.layers.ActivationLayer;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Dropout;
import org.neurite.nn.layers.Flatten;
import org.neurite.nn.layers.Reshape;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;

/** Small models that use every registered layer type, and tools to take model files apart and alter them. */
final class ModelFileFixtures {
    private ModelFileFixtures() {
    }

    /** Every registered layer type, with non-default settings where a layer has them. */
    static SequentialNetwork sequential(long seed) {
        SequentialNetwork model = SequentialNetwork.of(Input.of(4, 3),
                new Flatten(),
                Dense.builder().setUnits(6).optActivation(Activation.RELU)
                        .optKernelInitializer(Initializer.heNormal())
                        .optKernelRegularizer(Regularizer.l1l2(1e-5f, 3e-4f)).build(),
                new Dropout(0.3f),
                new Reshape(2, 3),
                new ActivationLayer(Activation.TANH),
                new Flatten("flat_again"),
                Dense.builder().setUnits(5).optName("logits").optUseBias(false).build(),
                new ActivationLayer("probabilities", Activation.SOFTMAX));
        model.seed(seed).build();
        return model;
    }

    /** A graph with a layer applied twice (shared weights) and two outputs. */
    static Network functional(long seed) {
        SymbolicTensor in = Input.named("features", 5);
        Dense shared = new Dense(7, Activation.TANH);
        SymbolicTensor hidden = shared.apply(new Dense(7, Activation.RELU).apply(in));
        SymbolicTensor again = shared.apply(hidden);
        SymbolicTensor score = new Dense(1, Activation.SIGMOID).apply(again);
        SymbolicTensor classes = new Dense(3, Activation.SOFTMAX).apply(new Dropout(0.5f).apply(hidden));
        return Network.functional(java.util.List.of(in), java.util.List.of(score, classes)).seed(seed).build();
    }

    static Tensor randomInput(long seed, int... shape) {
        return Tensor.uniform(new Rng(seed), -1f, 1f, shape);
    }

    /** Where the header ends (exclusive), read from the file's own header length field. */
    static int headerEnd(byte[] file) {
        return Container.PREFIX_BYTES + (int) ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong(12);
    }

    static String header(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return new String(bytes, Container.PREFIX_BYTES, headerEnd(bytes) - Container.PREFIX_BYTES,
                StandardCharsets.UTF_8);
    }

    /**
     * Rewrites {@code file} with its header edited and the lengths and checksum made consistent again,
     * in the file's own format version.
     */
    static void rewriteHeader(Path file, UnaryOperator<String> edit) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        FrameChecksum checksum = checksumOf(bytes);
        byte[] header = edit.apply(header(file)).getBytes(StandardCharsets.UTF_8);
        byte[] rest = Arrays.copyOfRange(bytes, headerEnd(bytes), bytes.length - checksum.bytes());
        ByteBuffer out = ByteBuffer.allocate(Container.PREFIX_BYTES + header.length + rest.length
                + checksum.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        out.put(bytes, 0, 12).putLong(header.length).put(header).put(rest);
        out.put(checksum.of(out.array(), out.position()));
        Files.write(file, out.array());
    }

    /** Rewrites {@code file}'s data section through {@code edit} (little-endian), checksum made consistent again. */
    static void rewriteData(Path file, java.util.function.Consumer<ByteBuffer> edit) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int dataStart = headerEnd(bytes) + Container.LENGTH_BYTES;
        FrameChecksum checksum = checksumOf(bytes);
        int checksumStart = bytes.length - checksum.bytes();
        edit.accept(ByteBuffer.wrap(bytes, dataStart, checksumStart - dataStart).slice().order(ByteOrder.LITTLE_ENDIAN));
        System.arraycopy(checksum.of(bytes, checksumStart), 0, bytes, checksumStart, checksum.bytes());
        Files.write(file, bytes);
    }

    /** The bytes of {@code file}'s data section (tensors, then any vocabulary block). */
    static byte[] data(byte[] file) {
        return Arrays.copyOfRange(file, headerEnd(file) + Container.LENGTH_BYTES, file.length - Container.CHECKSUM_BYTES);
    }

    /** A model file made from scratch, with a valid frame and checksum around whatever {@code header} says. */
    static byte[] forge(byte[] header, byte[] data) {
        ByteBuffer out = ByteBuffer.allocate(Container.OVERHEAD + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put("NEURITE1".getBytes(StandardCharsets.US_ASCII)).putInt(Container.VERSION).putLong(header.length)
                .put(header).putLong(data.length).put(data);
        out.put(checksum(out.array(), out.position()));
        return out.array();
    }

    /** Rewrites {@code file} with the 8-byte length at {@code offset} replaced, checksum left as it was. */
    static void setLength(Path file, int offset, long value) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(offset, value);
        Files.write(file, bytes);
    }

    static void flipByte(Path file, int offset, int mask) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[offset] ^= (byte) mask;
        Files.write(file, bytes);
    }

    static void truncate(Path file, int length) throws IOException {
        Files.write(file, Arrays.copyOf(Files.readAllBytes(file), length));
    }

    /** The checksum a file of the current format version ends with, of {@code bytes}' first {@code length}. */
    private static byte[] checksum(byte[] bytes, int length) {
        return FrameChecksum.forVersion(Container.VERSION).of(bytes, length);
    }

    /** The kind of checksum {@code file}, a whole model file, ends with: that of its format version. */
    private static FrameChecksum checksumOf(byte[] file) {
        return FrameChecksum.forVersion(ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getInt(8));
    }
}
