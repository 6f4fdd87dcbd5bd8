package org.neurite.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Parses a model file's JSON within {@link ModelFileLimits}: one streaming pass first counts the
 * values and the nesting depth and refuses trailing content, holding nothing but the parser's
 * buffer, and only then is the tree built. Errors are one line in the reader's terms, with the
 * line and column, never the JSON library's internals.
 *
 * <p>Reading uses Jackson's streaming parser alone and builds the tree itself, with the nodes
 * {@code ObjectMapper.readTree} would make: setting up an object mapper loads and initialises
 * hundreds of classes, which cost a one-text {@code neurite predict} about a tenth of a second.
 * Only writing a file ({@link #mapper()}) sets one up.
 *
 * <pre>{@code
 * JsonNode tree = HeaderJson.parse(bytes, "header");   // IllegalArgumentException on any problem
 * }</pre>
 */
final class HeaderJson {
    private static final int NUMBER_DIGITS = 100;

    /** Parses strictly (duplicate keys are errors) within the limits. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(ModelFileLimits.MAX_STRING_CHARS)
                    .maxNameLength(ModelFileLimits.MAX_STRING_CHARS)
                    .maxNumberLength(NUMBER_DIGITS)
                    // one above ours, so that the scan's own message comes first
                    .maxNestingDepth(ModelFileLimits.MAX_JSON_DEPTH + 1)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private HeaderJson() {
    }

    /** Writes indented JSON; made on first use, so that reading a file never sets up an object mapper. */
    static JsonMapper mapper() {
        return Writing.MAPPER;
    }

    /** The writer's mapper, initialised when {@link #mapper()} is first called. */
    private static final class Writing {
        static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    }

    /** The tree of {@code json} (UTF-8), described in errors as {@code context}. */
    static JsonNode parse(byte[] json, String context) {
        check(json, context);
        try (JsonParser parser = FACTORY.createParser(json)) {
            // check() has refused trailing content and nesting beyond the limit, so this recursion is bounded.
            return parser.nextToken() == null ? MissingNode.getInstance() : tree(parser);
        } catch (JacksonException e) {
            throw refusal(e, context);
        } catch (IOException e) {
            throw new IllegalStateException("reading JSON from memory cannot fail", e);
        }
    }

    /** The value that starts at the parser's current token, as the nodes {@code ObjectMapper.readTree} makes. */
    private static JsonNode tree(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.set(name, tree(parser));
                }
                yield object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(tree(parser));
                }
                yield array;
            }
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new IllegalStateException("a JSON text cannot hold " + parser.currentToken());
        };
    }

    /**
     * Checks that {@code json} is one well-formed JSON value within the limits, without building
     * its tree; the writer calls it too, so that no file is written that the reader would refuse.
     */
    static void check(byte[] json, String context) {
        if (json.length > ModelFileLimits.MAX_HEADER_BYTES) {
            throw new JsonFields.Invalid(context + ": " + json.length + " bytes of JSON; model files hold at most "
                    + ModelFileLimits.MAX_HEADER_BYTES);
        }
        try {
            scan(json, context);
        } catch (JacksonException e) {
            throw refusal(e, context);
        } catch (IOException e) {
            throw new IllegalStateException("reading JSON from memory cannot fail", e);
        }
    }

    private static JsonFields.Invalid refusal(JacksonException e, String context) {
        if (e instanceof StreamConstraintsException) {
            return tooLong(context, e.getLocation());
        }
        return new JsonFields.Invalid(context + ": not valid JSON: " + plain(e.getOriginalMessage()) + where(e.getLocation()));
    }

    private static JsonFields.Invalid tooLong(String context, JsonLocation location) {
        return new JsonFields.Invalid(context + ": a name, string or number is too long (model files hold strings"
                + " and names of at most " + ModelFileLimits.MAX_STRING_CHARS + " characters, numbers of at most "
                + NUMBER_DIGITS + " digits)" + where(location));
    }

    /** Refuses too many values, too deep nesting and anything after the first value, in one streaming pass. */
    private static void scan(byte[] json, String context) throws IOException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            long values = 0;
            int depth = 0;
            JsonToken token = parser.nextToken();
            while (token != null) {
                if (token.isStructStart() && ++depth > ModelFileLimits.MAX_JSON_DEPTH) {
                    throw new JsonFields.Invalid(context + ": nested more than " + ModelFileLimits.MAX_JSON_DEPTH
                            + " levels deep, the most model files hold" + where(parser.currentLocation()));
                }
                if (token == JsonToken.VALUE_STRING && parser.getTextLength() > ModelFileLimits.MAX_STRING_CHARS) {
                    throw tooLong(context, parser.currentLocation());
                }
                if (token.isStructEnd()) {
                    depth--;
                } else if (token != JsonToken.FIELD_NAME && ++values > ModelFileLimits.MAX_JSON_VALUES) {
                    throw new JsonFields.Invalid(context + ": holds more than " + ModelFileLimits.MAX_JSON_VALUES
                            + " JSON values, the most model files hold" + where(parser.currentLocation()));
                }
                if (depth == 0 && token != JsonToken.FIELD_NAME) {
                    break;
                }
                token = parser.nextToken();
            }
            if (parser.nextToken() != null) {
                throw new JsonFields.Invalid(context + ": not valid JSON: more content after the end of the first value"
                        + where(parser.currentLocation()));
            }
        }
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** The parser's own words, without the names of its classes and settings, on one short line. */
    private static String plain(String message) {
        String text = message == null ? "malformed" : message;
        int internals = text.indexOf(" (from `");
        if (internals < 0) {
            internals = text.indexOf('`');
        }
        if (internals >= 0) {
            text = text.substring(0, internals);
        }
        return Echo.clip(text.strip(), 160);
    }
}
