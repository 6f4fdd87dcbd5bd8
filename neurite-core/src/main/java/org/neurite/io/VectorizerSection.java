package org.neurite.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neurite.tensor.Tensor;
import org.neurite.text.TextVectorization;
import org.neurite.text.TextVectorizationState;

/**
 * The {@code "vectorizer"} object of a model file's header and its two blocks at the end of the data
 * section:
 *
 * <pre>
 *   "vectorizer": {"class_name": "TextVectorization",
 *                  "version": 2,                                        (TextVectorizationState.VERSION)
 *                  "config": {Keras' get_config() keys, see TextVectorizationState},
 *                  "idf_weights": TENSOR or null,                       (float32, shape [tokens])
 *                  "vocabulary": {"count": 20000, "offset": .., "length": ..}}
 * </pre>
 *
 * The vocabulary block holds each token, in index order, as a uint32 little-endian byte count then
 * its UTF-8 bytes; it ends the data section. {@code idf_weights}, when present, lies just before it.
 * A file without {@code "version"} was written before Keras' names meant Keras' behaviour: its
 * state is read as {@link TextVectorizationState#upgradedFrom(int) version 1}.
 *
 * <p>Contract of {@link #read}: every config key must be there with a value of the right kind and
 * no other key; the block must hold exactly {@code count} tokens of well-formed UTF-8; and the state
 * must rebuild a {@link TextVectorization} (idf weights present exactly in tf_idf mode, one per
 * token, no duplicate tokens, {@code vocabulary_size} equal to the token count). Problems are
 * {@link IllegalArgumentException}s that say what is wrong.
 *
 * <pre>{@code
 * VectorizerSection.Written w = VectorizerSection.write(state, dataOffset);
 * }</pre>
 */
final class VectorizerSection {
    static final String CLASS_NAME = "TextVectorization";
    private static final String CONTEXT = "vectorizer";
    private static final String IDF_NAME = "vectorizer.idf_weights";

    /** The header object, the idf weights (or null) and the vocabulary block, in data order. */
    record Written(ObjectNode json, Tensor idfWeights, byte[] vocabulary) {
    }

    private VectorizerSection() {
    }

    /** The header object and data for {@code state}, whose blocks start at byte {@code start} of the data section. */
    static Written write(TextVectorizationState state, long start) {
        float[] idf = state.idfWeights();
        Tensor idfTensor = idf == null ? null : Tensor.of(idf, idf.length);
        byte[] vocabulary = encode(state.vocabulary());
        long vocabularyStart = start + (idf == null ? 0 : Float.BYTES * (long) idf.length);
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("class_name", CLASS_NAME)
                .put("version", TextVectorizationState.VERSION);
        json.set("config", HeaderJson.mapper().valueToTree(state.config()));
        try {
            config(JsonFields.of(json.get("config"), CONTEXT + ".config"));   // no file the reader would refuse
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the vectorizer cannot be saved: " + e.getMessage(), e);
        }
        json.set("idf_weights", idf == null ? JsonNodeFactory.instance.nullNode()
                : TensorTable.toJson(TensorTable.layout(Map.of(IDF_NAME, idfTensor), start)).get(0));
        json.putObject("vocabulary").put("count", state.vocabulary().size())
                .put("offset", vocabularyStart).put("length", vocabulary.length);
        return new Written(json, idfTensor, vocabulary);
    }

    /**
     * The state that {@code json} describes, whose blocks must start at byte {@code start} and end
     * the {@code data} section exactly.
     */
    static TextVectorizationState read(JsonFields json, long start, ByteBuffer data) {
        String className = json.text("class_name");
        if (!CLASS_NAME.equals(className)) {
            throw json.error("unknown vectorizer type '" + Echo.clip(className) + "'; model files can hold " + CLASS_NAME);
        }
        int version = json.has("version") ? json.intValue("version") : 1;
        Map<String, Object> config = config(json.object("config"));
        JsonNode idfNode = json.value("idf_weights");
        List<TensorTable.Entry> idf = idfNode.isNull() ? List.of()
                : TensorTable.parse(List.of(idfNode), CONTEXT + ".idf_weights", start, data.capacity());
        long vocabularyStart = idf.isEmpty() ? start : idf.get(0).end();
        List<String> vocabulary = vocabulary(json.object("vocabulary"), vocabularyStart, data);
        json.requireAllRead();
        float[] weights = null;
        if (!idf.isEmpty()) {
            checkIdf(json, idf.get(0), vocabulary.size());
            weights = idf.get(0).read(data, "vectorizer").data();
        }
        return checked(json, upgraded(json, new TextVectorizationState(config, vocabulary, weights), version));
    }

    private static TextVectorizationState upgraded(JsonFields json, TextVectorizationState state, int version) {
        try {
            return state.upgradedFrom(version);
        } catch (IllegalArgumentException e) {
            throw json.error(e.getMessage());
        }
    }

    private static void checkIdf(JsonFields json, TensorTable.Entry idf, int tokens) {
        if (!IDF_NAME.equals(idf.name()) || idf.shape().length != 1 || idf.shape()[0] != tokens) {
            throw json.error("'idf_weights' must be '" + IDF_NAME + "' of shape [" + tokens + "], one weight per token");
        }
    }

    /** Rebuilds the vectorizer from {@code state} (custom functions stood in for), so that whatever it refuses is refused here. */
    private static TextVectorizationState checked(JsonFields json, TextVectorizationState state) {
        Object declared = state.config().get("vocabulary_size");
        if (!(declared instanceof Integer size) || size != state.vocabulary().size()) {
            throw json.error("config declares vocabulary_size " + declared + " but the file holds "
                    + state.vocabulary().size() + " tokens");
        }
        Set<String> seen = new HashSet<>();
        for (String token : state.vocabulary()) {
            if (!seen.add(token)) {
                throw json.error("the vocabulary holds '" + Echo.clip(token) + "' twice");
            }
        }
        try {
            TextVectorization.fromState(state, text -> text, text -> List.of(text));
        } catch (IllegalArgumentException e) {
            throw json.error(e.getMessage());
        }
        return state;
    }

    // ------------------------------------------------------------------------------ config

    /** Keras' config keys, each read with its kind checked; no other key is allowed. */
    private static Map<String, Object> config(JsonFields c) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("max_tokens", bounded(c, "max_tokens", optInt(c, "max_tokens"), ModelFileLimits.MAX_VOCABULARY));
        config.put("standardize", optText(c, "standardize"));
        config.put("split", c.text("split"));
        config.put("ngrams", ngrams(c));
        config.put("output_mode", c.text("output_mode"));
        config.put("output_sequence_length", bounded(c, "output_sequence_length", optInt(c, "output_sequence_length"),
                ModelFileLimits.MAX_SEQUENCE_LENGTH));
        config.put("pad_to_max_tokens", c.bool("pad_to_max_tokens"));
        config.put("sparse", c.bool("sparse"));
        config.put("ragged", c.bool("ragged"));
        config.put("encoding", c.text("encoding"));
        config.put("vocabulary_size", bounded(c, "vocabulary_size", c.intValue("vocabulary_size"),
                ModelFileLimits.MAX_VOCABULARY));
        c.requireAllRead();
        if (!"utf-8".equals(config.get("encoding")) || (boolean) config.get("sparse") || (boolean) config.get("ragged")) {
            throw c.error("only encoding 'utf-8' with sparse and ragged false is supported, got "
                    + config.get("encoding") + ", " + config.get("sparse") + ", " + config.get("ragged"));
        }
        return config;
    }

    private static Integer optInt(JsonFields c, String key) {
        JsonNode v = c.value(key);
        if (v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw c.error("'" + key + "' must be an integer or null, got " + v);
        }
        return v.intValue();
    }

    private static String optText(JsonFields c, String key) {
        JsonNode v = c.value(key);
        if (!v.isNull() && !v.isTextual()) {
            throw c.error("'" + key + "' must be a string or null, got " + v);
        }
        return v.isNull() ? null : v.textValue();
    }

    /**
     * Keras' {@code ngrams}: null, an integer, or a list of integers; orders up to
     * {@link ModelFileLimits#MAX_NGRAM_ORDER}, checked before anything of that size is made.
     */
    private static Object ngrams(JsonFields c) {
        JsonNode v = c.value("ngrams");
        if (v.isArray()) {
            int[] widths = c.intArray("ngrams");
            if (widths.length > ModelFileLimits.MAX_NGRAM_ORDER) {
                throw c.error("'ngrams' lists " + widths.length + " widths; model files hold at most "
                        + ModelFileLimits.MAX_NGRAM_ORDER);
            }
            for (int w : widths) {
                bounded(c, "ngrams", w, ModelFileLimits.MAX_NGRAM_ORDER);
            }
            return List.of(java.util.Arrays.stream(widths).boxed().toArray(Integer[]::new));
        }
        return bounded(c, "ngrams", optInt(c, "ngrams"), ModelFileLimits.MAX_NGRAM_ORDER);
    }

    /** {@code value} (null passes), refused when above {@code limit}, the largest a model file may declare. */
    private static Integer bounded(JsonFields c, String key, Integer value, int limit) {
        if (value != null && value > limit) {
            throw c.error("'" + key + "' is " + value + "; model files hold at most " + limit);
        }
        return value;
    }

    // ------------------------------------------------------------------------------ vocabulary block

    private static byte[] encode(List<String> tokens) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer length = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (String token : tokens) {
            byte[] utf8 = token.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(length.clear().putInt(utf8.length).array());
            out.writeBytes(utf8);
        }
        return out.toByteArray();
    }

    /** Decodes the block {@code v} describes, which must end the data section. */
    private static List<String> vocabulary(JsonFields v, long expectedOffset, ByteBuffer data) {
        long count = v.longValue("count");
        long offset = v.longValue("offset");
        long length = v.longValue("length");
        v.requireAllRead();
        if (offset != expectedOffset || length < 0 || offset + length != data.capacity()) {
            throw v.error("the vocabulary must lie at bytes [" + expectedOffset + ", " + data.capacity()
                    + ") of the data, at the end; it declares offset " + offset + " and length " + length);
        }
        if (count < 0 || count > length / Integer.BYTES) {
            throw v.error("declares " + count + " tokens, which " + length + " bytes cannot hold");
        }
        if (count > ModelFileLimits.MAX_VOCABULARY) {
            throw v.error("declares " + count + " tokens; model files hold at most " + ModelFileLimits.MAX_VOCABULARY);
        }
        ByteBuffer block = data.slice((int) offset, (int) length).order(ByteOrder.LITTLE_ENDIAN);
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        List<String> tokens = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            tokens.add(token(v, block, i, utf8));
        }
        if (block.hasRemaining()) {
            throw v.error(block.remaining() + " bytes follow the last of its " + count + " tokens");
        }
        return tokens;
    }

    /**
     * The next token of the block. Most tokens are ASCII, which is well-formed UTF-8 and becomes a
     * string without a decoder: decoding 20,000 tokens one by one took a one-text {@code predict}
     * 20-90 ms before the JIT had compiled the decoder.
     */
    private static String token(JsonFields v, ByteBuffer block, int index, CharsetDecoder utf8) {
        int size = block.remaining() >= Integer.BYTES ? block.getInt() : -1;
        if (size < 0 || size > block.remaining()) {
            throw v.error("token " + index + " runs past the end of the vocabulary block");
        }
        byte[] raw = new byte[size];
        block.get(block.position(), raw);
        if (isAscii(raw)) {
            block.position(block.position() + size);
            return new String(raw, StandardCharsets.US_ASCII);
        }
        ByteBuffer bytes = block.slice(block.position(), size);
        block.position(block.position() + size);
        try {
            CharBuffer chars = utf8.decode(bytes);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw v.error("token " + index + " is not well-formed UTF-8");
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }
}
