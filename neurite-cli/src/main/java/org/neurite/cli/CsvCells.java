package org.neurite.cli;

/**
 * RFC 4180 quoting for the CSV the commands write: a value holding a comma, a quote, a line break
 * or leading/trailing spaces is put in double quotes, its quotes doubled; others are written as they are.
 *
 * <pre>{@code
 * CsvCells.quoted("a, \"b\"");   // "a, ""b"""
 * }</pre>
 */
final class CsvCells {
    private CsvCells() {
    }

    static String quoted(String value) {
        boolean needs = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0 || !value.equals(value.strip());
        return needs ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
