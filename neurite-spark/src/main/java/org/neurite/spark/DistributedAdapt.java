package org.neurite.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.neurite.text.AdaptCounts;
import org.neurite.text.TextVectorization;

/**
 * {@code TextVectorization.adapt} over a DataFrame: each partition counts its texts
 * ({@link TextVectorization#count}), the counts are summed across partitions in a tree, and the
 * driver ranks the total exactly as a single-machine {@code adapt} does. Sums of integer counts do
 * not depend on the partitioning, so vocabulary order, ties and idf weights are the single-machine ones.
 */
final class DistributedAdapt {
    /** Texts a task counts at once, so that a partition of any size is counted in bounded memory. */
    private static final int BLOCK = 4096;

    private DistributedAdapt() {
    }

    static void adapt(TextVectorization vectorizer, Dataset<Row> data, String textColumn) {
        int column = TextColumn.stringColumn(data.schema(), textColumn);
        VectorizerRecipe recipe = VectorizerRecipe.of(vectorizer);
        AdaptCounts total = data.javaRDD()
                .mapPartitions((Iterator<Row> rows) -> List.of(countPartition(recipe.build(), rows, column,
                        textColumn)).iterator())
                .treeAggregate(AdaptCounts.empty(), AdaptCounts::merge, AdaptCounts::merge);
        vectorizer.adapt(total);
    }

    private static AdaptCounts countPartition(TextVectorization vectorizer, Iterator<Row> rows, int column,
                                              String textColumn) {
        AdaptCounts counts = AdaptCounts.empty();
        List<String> block = new ArrayList<>(BLOCK);
        while (rows.hasNext()) {
            Row row = rows.next();
            if (row.isNullAt(column)) {
                throw new IllegalArgumentException("text column '" + textColumn + "' holds a null text; adapt needs"
                        + " every text (filter the nulls out first)");
            }
            block.add(row.getString(column));
            if (block.size() == BLOCK) {
                counts = counts.merge(vectorizer.count(block));
                block.clear();
            }
        }
        return block.isEmpty() ? counts : counts.merge(vectorizer.count(block));
    }
}
