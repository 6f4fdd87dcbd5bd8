package org.neurite.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of a JSON-lines file: one JSON object per line, blank lines skipped. A field that is a
 * JSON array (tags such as {@code ["news", "sport"]}) is joined with the label separator, so it
 * reads as a multi-label field; numbers read as their text. A line that is not an object, or
 * lacks a chosen field, is a bad row.
 */
final class JsonLinesRowSource implements RowSource {
    private final String source;
    private final BufferedReader reader;
    private final ColumnSpec spec;
    private final ObjectMapper json = new ObjectMapper();
    private long line;

    JsonLinesRowSource(Path path, Charset charset, ColumnSpec spec) throws IOException {
        this.source = path.toString();
        this.spec = spec;
        this.reader = new BufferedReader(new StrictDecodingReader(Files.newInputStream(path), charset, source));
    }

    @Override
    public CorpusRow next() throws IOException {
        String text;
        do {
            text = reader.readLine();
            line++;
        } while (text != null && text.isBlank());
        if (text == null) {
            return null;
        }
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadRowException("not JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        if (!node.isObject()) {
            throw new BadRowException("expected a JSON object, found " + node.getNodeType().name().toLowerCase());
        }
        List<String> fields = new ArrayList<>();
        node.fieldNames().forEachRemaining(fields::add);
        return spec.toRow(line, column -> valueOf(node.get(column)), fields);
    }

    private String valueOf(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(part -> parts.add(part.asText()));
            return String.join(spec.labelSeparator() == null ? "," : spec.labelSeparator(), parts);
        }
        return value.isNull() ? "" : value.isValueNode() ? value.asText() : value.toString();
    }

    @Override
    public String position() {
        return source + ": line " + line;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
