package org.neurite.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neurite.tensor.Shapes;
import org.neurite.tensor.Tensor;

/**
 * A table in the header that says where each tensor's values lie in the data section:
 * {@code [{"name": "dense.kernel", "shape": [784, 64], "dtype": "float32", "offset": 0, "length": 200704}]}.
 * Offsets count from the start of the data section; the tables of a file tile it exactly, back to
 * back in file order, so {@link #parse} can check every entry against the data length before a
 * single value is allocated.
 *
 * <pre>{@code
 * List<TensorTable.Entry> entries = TensorTable.layout(Map.of("dense.kernel", kernel), 0);
 * }</pre>
 */
final class TensorTable {
    static final String DTYPE = "float32";

    /** One tensor: its dotted name, its shape, and its byte range in the data section. */
    record Entry(String name, int[] shape, long offset, long length) {
        long end() {
            return offset + length;
        }

        /** Decodes this entry's values from the (little-endian) data section; {@code what} names it in errors. */
        Tensor read(ByteBuffer data, String what) {
            Tensor t = Tensor.of(new float[(int) (length / Float.BYTES)], shape);
            readInto(data, t, what);
            return t;
        }

        /**
         * Decodes this entry's values straight into {@code target} (contiguous, of this shape), with
         * no copy in between, refusing NaN and infinite values.
         */
        void readInto(ByteBuffer data, Tensor target, String what) {
            int n = (int) (length / Float.BYTES);
            float[] values = target.data();
            data.slice((int) offset, (int) length).order(data.order()).asFloatBuffer().get(values, target.offset(), n);
            for (int i = 0; i < n; i++) {
                float v = values[target.offset() + i];
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException(what + " '" + Echo.clip(name) + "' holds " + v + " at index " + i
                            + " of its " + n + " values; model files hold finite values only");
                }
            }
        }
    }

    private TensorTable() {
    }

    /** Entries for {@code tensors}, in order, starting at byte {@code start} of the data section. */
    static List<Entry> layout(Map<String, Tensor> tensors, long start) {
        List<Entry> entries = new ArrayList<>();
        long offset = start;
        for (var e : tensors.entrySet()) {
            long length = Float.BYTES * (long) e.getValue().size();
            entries.add(new Entry(e.getKey(), e.getValue().shape(), offset, length));
            offset += length;
        }
        return entries;
    }

    static ArrayNode toJson(List<Entry> entries) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Entry e : entries) {
            ObjectNode entry = array.addObject().put("name", e.name());
            entry.set("shape", ConfigJson.ints(e.shape()));
            entry.put("dtype", DTYPE).put("offset", e.offset()).put("length", e.length());
        }
        return array;
    }

    /**
     * Reads a table whose first entry must start at byte {@code start} and whose last must end within
     * {@code dataLength}; each entry must follow the previous one directly, be float32, and be exactly
     * as long as its shape needs.
     */
    static List<Entry> parse(List<JsonNode> nodes, String what, long start, long dataLength) {
        List<Entry> entries = new ArrayList<>(nodes.size());
        long expectedOffset = start;
        for (int i = 0; i < nodes.size(); i++) {
            Entry e = entry(JsonFields.of(nodes.get(i), what + "[" + i + "]"), expectedOffset, dataLength);
            entries.add(e);
            expectedOffset = e.end();
        }
        return entries;
    }

    private static Entry entry(JsonFields f, long expectedOffset, long dataLength) {
        String name = f.text("name");
        int[] shape = f.intArray("shape");
        if (shape.length > ModelFileLimits.MAX_RANK) {
            throw f.error("'" + Echo.clip(name) + "' has " + shape.length + " dimensions; model files hold at most "
                    + ModelFileLimits.MAX_RANK);
        }
        String dtype = f.text("dtype");
        long offset = f.longValue("offset");
        long length = f.longValue("length");
        f.requireAllRead();
        if (!DTYPE.equals(dtype)) {
            throw f.error("'" + Echo.clip(name) + "' has dtype '" + Echo.clip(dtype) + "'; only " + DTYPE + " is supported");
        }
        long needed = Float.BYTES * elementCount(f, name, shape);
        if (length != needed) {
            throw f.error("'" + Echo.clip(name) + "' of shape " + Shapes.toString(shape) + " needs " + needed
                    + " bytes but declares " + length);
        }
        if (offset != expectedOffset) {
            throw f.error("'" + Echo.clip(name) + "' starts at byte " + offset + " of the weights; expected " + expectedOffset
                    + " (tensors lie back to back)");
        }
        if (length > dataLength - offset) {
            throw f.error("'" + Echo.clip(name) + "' declares " + length + " bytes at byte " + offset + " but the weights hold only "
                    + dataLength + " bytes");
        }
        return new Entry(name, shape, offset, length);
    }

    private static long elementCount(JsonFields f, String name, int[] shape) {
        long count = 1;
        for (int d : shape) {
            if (d <= 0 || count > Integer.MAX_VALUE / d) {
                throw f.error("'" + Echo.clip(name) + "' has an invalid or too large shape " + Shapes.toString(shape));
            }
            count *= d;
        }
        return count;
    }
}
