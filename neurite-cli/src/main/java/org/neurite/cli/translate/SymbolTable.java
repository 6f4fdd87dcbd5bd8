package org.neurite.cli.translate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The symbols one side of a translation model reads or writes, and their ids. Id 0 is padding on
 * both sides. A source table reserves id 1 for symbols it does not know, so that any input gets an
 * answer; a target table reserves id 1 for the start token the decoder reads first and id 2 for the
 * end token it writes last.
 *
 * <pre>{@code
 * SymbolTable letters = SymbolTable.source(List.of("a", "b"));   // pad 0, unknown 1, a 2, b 3
 * letters.id("z");                                               // 1
 * }</pre>
 */
public final class SymbolTable {
    /** Padding, on both sides. */
    public static final int PAD = 0;
    /** A source symbol the table does not hold. */
    public static final int UNKNOWN = 1;
    /** The first target token the decoder reads. */
    public static final int START = 1;
    /** The last target token the decoder writes. */
    public static final int END = 2;

    private final List<String> symbols;
    private final boolean target;
    private final Map<String, Integer> ids = new HashMap<>();

    private SymbolTable(List<String> symbols, boolean target) {
        this.symbols = List.copyOf(symbols);
        this.target = target;
        for (int i = 0; i < this.symbols.size(); i++) {
            if (ids.put(this.symbols.get(i), i + reserved()) != null) {
                throw new IllegalArgumentException("symbol table: '" + this.symbols.get(i) + "' appears twice");
            }
        }
    }

    /** A source table: padding, unknown, then {@code symbols}. */
    public static SymbolTable source(List<String> symbols) {
        return new SymbolTable(symbols, false);
    }

    /** A target table: padding, start, end, then {@code symbols}. */
    public static SymbolTable target(List<String> symbols) {
        return new SymbolTable(symbols, true);
    }

    /** The ids 0 .. size - 1, reserved ones included. */
    public int size() {
        return symbols.size() + reserved();
    }

    /** The symbols, without the reserved ids, in id order. */
    public List<String> symbols() {
        return symbols;
    }

    /** The id of {@code symbol}; {@link #UNKNOWN} for one a source table does not hold. */
    public int id(String symbol) {
        Integer id = ids.get(symbol);
        if (id != null) {
            return id;
        }
        if (target) {
            throw new IllegalArgumentException("target symbol table: unknown symbol '" + symbol + "'");
        }
        return UNKNOWN;
    }

    /** The symbol of {@code id}, or a readable name of a reserved id ({@code <end>}). */
    public String symbol(int id) {
        if (id >= reserved() && id < size()) {
            return symbols.get(id - reserved());
        }
        if (id == PAD) {
            return "<pad>";
        }
        if (target && id == START) {
            return "<start>";
        }
        if (target && id == END) {
            return "<end>";
        }
        if (!target && id == UNKNOWN) {
            return "<unknown>";
        }
        throw new IllegalArgumentException("symbol table: id " + id + " outside 0.." + (size() - 1));
    }

    /** The ids of {@code symbols}. */
    public int[] ids(List<String> symbols) {
        return symbols.stream().mapToInt(this::id).toArray();
    }

    /** The symbols of {@code ids}. */
    public List<String> symbols(int[] ids) {
        List<String> out = new ArrayList<>(ids.length);
        for (int id : ids) {
            out.add(symbol(id));
        }
        return out;
    }

    private int reserved() {
        return target ? 3 : 2;
    }
}
