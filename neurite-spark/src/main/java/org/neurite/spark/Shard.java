package org.neurite.spark;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import scala.Tuple2;

/**
 * One worker's part of the training data: the texts and labels of the rows whose global index
 * {@code i} has {@code i % workers == worker}, sorted by index. Built once and cached by Spark, so
 * each step only picks the rows of its batch.
 */
final class Shard implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    final long[] index;
    final String[] texts;
    final float[] labels;

    private Shard(long[] index, String[] texts, float[] labels) {
        this.index = index;
        this.texts = texts;
        this.labels = labels;
    }

    /** A labelled text as it travels to its shard. */
    record LabelledText(String text, float label) implements Serializable {
    }

    static Shard of(Iterator<Tuple2<Long, LabelledText>> rows) {
        List<Tuple2<Long, LabelledText>> all = new ArrayList<>();
        rows.forEachRemaining(all::add);
        all.sort((a, b) -> Long.compare(a._1(), b._1()));
        long[] index = new long[all.size()];
        String[] texts = new String[all.size()];
        float[] labels = new float[all.size()];
        for (int i = 0; i < all.size(); i++) {
            index[i] = all.get(i)._1();
            texts[i] = all.get(i)._2().text();
            labels[i] = all.get(i)._2().label();
        }
        return new Shard(index, texts, labels);
    }

    int size() {
        return index.length;
    }
}
