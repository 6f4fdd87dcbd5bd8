package org.neurite.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.SparkSession;

/**
 * The tests' Spark: a real {@code local[2]} session, started once per test JVM (start-up costs
 * seconds) and shared by the test classes, each of which asks for it once. {@code local[2,1]}: two
 * cores, one attempt per task, so that a failed task fails its job, as a task out of retries does on
 * a cluster.
 */
final class LocalSpark {
    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder().master("local[2,1]").appName("neurite-spark-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .getOrCreate();
            session.sparkContext().setLogLevel("ERROR");
        }
        return session;
    }

    /** Short made-up reviews: a small vocabulary with many ties, positive ones mentioning "great". */
    static List<String> reviews(int count, long seed) {
        String[] good = {"great", "fun", "moving", "superb", "great"};
        String[] bad = {"dull", "slow", "long", "boring", "dull"};
        String[] filler = {"a", "the", "movie", "film", "plot", "acting", "and", "story", "it", "was"};
        Random random = new Random(seed);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String[] tone = i % 2 == 0 ? good : bad;
            StringBuilder text = new StringBuilder();
            int words = 3 + random.nextInt(8);
            for (int w = 0; w < words; w++) {
                String word = random.nextInt(3) == 0 ? tone[random.nextInt(tone.length)]
                        : filler[random.nextInt(filler.length)];
                text.append(w == 0 ? "" : " ").append(random.nextInt(7) == 0 ? word.toUpperCase() + "," : word);
            }
            texts.add(text.toString());
        }
        return texts;
    }
}
