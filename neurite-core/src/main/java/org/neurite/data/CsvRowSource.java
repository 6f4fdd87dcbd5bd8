package org.neurite.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows of a CSV or TSV file with a header, parsed by Jackson's streaming CSV parser: RFC 4180
 * quoting ({@code "a ""quoted"", multi-line field"}), a chosen delimiter, empty lines skipped.
 * Each record is read as an array of strings and checked against the header's width, so a row
 * with a wrong number of fields is reported with the line where it starts.
 */
final class CsvRowSource implements RowSource {
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final String source;
    private final CsvParser parser;
    private final ColumnSpec spec;
    private final List<String> header;
    private final Map<String, Integer> index = new HashMap<>();
    /** The fields of the record being read, reused: a row keeps copies of what it needs. */
    private final List<String> record = new ArrayList<>();
    private long line = 1;

    CsvRowSource(Path path, char delimiter, Charset charset, ColumnSpec spec) throws IOException {
        this.source = path.toString();
        this.spec = spec;
        StrictDecodingReader reader = new StrictDecodingReader(Files.newInputStream(path), charset, source);
        this.parser = (CsvParser) new CsvMapper().getFactory().createParser(reader);
        parser.setSchema(CsvSchema.emptySchema().withColumnSeparator(delimiter));
        parser.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
        List<String> first = readRecord() == null ? null : new ArrayList<>(record);
        if (first == null) {
            parser.close();
            throw new DatasetException(source + ": the file is empty, expected a header row naming the columns");
        }
        if (!first.isEmpty() && !first.getFirst().isEmpty() && first.getFirst().charAt(0) == BYTE_ORDER_MARK) {
            first.set(0, first.getFirst().substring(1));
        }
        this.header = List.copyOf(first);
        for (int i = 0; i < header.size(); i++) {
            index.putIfAbsent(header.get(i), i);
        }
        try {
            spec.requireColumns(header, source);
        } catch (DatasetException e) {
            parser.close();
            throw e;
        }
    }

    /** The column names of the header row. */
    List<String> header() {
        return header;
    }

    @Override
    public CorpusRow next() throws IOException {
        List<String> fields = readRecord();
        if (fields == null) {
            return null;
        }
        if (fields.size() != header.size()) {
            throw new BadRowException(fields.size() + " fields, expected " + header.size() + " as in the header");
        }
        return spec.toRow(line, column -> {
            Integer i = index.get(column);
            return i == null ? null : fields.get(i);
        }, header);
    }

    /** The next record's fields (in {@link #record}, valid until the next call), or null at the end of the file. */
    private List<String> readRecord() throws IOException {
        try {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return null;
            }
            List<String> fields = record;
            fields.clear();
            for (token = parser.nextToken(); token != JsonToken.END_ARRAY && token != null; token = parser.nextToken()) {
                if (fields.isEmpty()) {
                    // The record's own START_ARRAY carries the previous line; its first value is exact.
                    line = parser.currentTokenLocation().getLineNr();
                }
                fields.add(parser.getText());
            }
            return fields;
        } catch (JsonProcessingException e) {
            throw new DatasetException(source + ": line " + e.getLocation().getLineNr() + ": malformed CSV: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
    }

    @Override
    public String position() {
        return source + ": line " + line;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
