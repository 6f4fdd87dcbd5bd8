package org.neurite.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neurite.data.Split;
import org.neurite.data.StratifiedSplit;
import org.neurite.data.TextCorpus;
import org.neurite.data.TextDatasets;
import org.neurite.models.Sequential;
import org.neurite.nn.Input;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Dropout;
import org.neurite.text.OutputMode;
import org.neurite.text.TextVectorization;
import org.neurite.train.Adam;
import org.neurite.train.ClassWeights;
import org.neurite.train.ConfusionMatrix;
import org.neurite.train.FitOptions;
import org.neurite.train.RocAuc;

/**
 * The code of docs/guide/17-your-own-corpus.md, on the committed corpora beside this class:
 * {@code tickets.csv} (70 support tickets in five classes, some bodies quoted across two lines),
 * {@code posts.jsonl} (120 posts with one to three of four tags) and {@code reviews.csv} (200
 * reviews rated 1 to 5 stars); {@code make_corpora.py} wrote the last two.
 */
class YourOwnCorpusChapterTest {
    /** The least test accuracy the chapter's classifier reaches on the 15 test tickets. */
    private static final double GOOD_ENOUGH = 0.85;

    private static Path corpus() throws URISyntaxException {
        return Path.of(YourOwnCorpusChapterTest.class.getResource("tickets.csv").toURI());
    }

    @Test
    void aCsvOfTicketsIsReadSplitTrainedAndReported() throws Exception {
        Path corpus = corpus();
        // tag::read[]
        TextCorpus tickets = TextDatasets.csv(corpus).text("body").label("category").read();
        List<String> names = tickets.classes().classes();      // [account, billing, bug, feature, shipping]
        Split<TextCorpus> parts = StratifiedSplit.of(tickets, 0.2, 42);   // 20% of each class, seed 42
        TextCorpus train = parts.train();
        TextCorpus test = parts.test();
        // end::read[]
        // tag::train[]
        TextVectorization vectorizer = TextVectorization.builder()
                .optMaxTokens(5_000).optOutputMode(OutputMode.TF_IDF).optNgrams(2).build();
        vectorizer.adapt(train.texts());                           // on the training texts only
        int classes = names.size();
        Sequential model = Sequential.of(Input.ofStrings(), vectorizer,
                new Dense(32, "relu"),
                new Dropout(0.5f),
                new Dense(classes, "softmax")).seed(42);            // the same weights every run
        model.compile(new Adam(0.01f), "sparse_categorical_crossentropy", "accuracy");   // a small corpus: a larger step
        Map<Integer, Float> weights = ClassWeights.balanced(train.classIds(), classes);   // all 1 when balanced
        model.fit(train.texts(), train.labelTensor(),
                FitOptions.builder().epochs(30).batchSize(8).classWeight(weights).build());
        // end::train[]
        // tag::report[]
        ConfusionMatrix matrix = model.confusionMatrix(test.texts(), test.labelTensor());
        double accuracy = matrix.accuracy();
        double macroF1 = matrix.macroF1();                         // every class counts the same
        double weightedF1 = matrix.weightedF1();                   // classes count by their support
        float[] p = model.predict(test.texts()).toArray();         // (texts, classes), row-major
        double auc = RocAuc.oneVsRestMacro(p, classes, test.classIds());
        // end::report[]
        assertEquals(List.of("account", "billing", "bug", "feature", "shipping"), names);
        assertEquals(70, tickets.size());
        assertEquals(15, test.size());                             // 3 of the 14 tickets of each class
        assertTrue(accuracy >= GOOD_ENOUGH, "accuracy " + accuracy);
        assertTrue(macroF1 >= GOOD_ENOUGH - 0.1, "macro F1 " + macroF1);
        assertTrue(weightedF1 >= GOOD_ENOUGH - 0.1, "weighted F1 " + weightedF1);
        assertTrue(auc >= GOOD_ENOUGH, "ROC-AUC " + auc);
    }

    @Test
    void foldsTestEveryTicketOnce() throws Exception {
        TextCorpus tickets = TextDatasets.csv(corpus()).text("body").label("category").read();
        int tested = 0;
        // tag::folds[]
        for (Split<TextCorpus> fold : StratifiedSplit.folds(tickets, 5, 42)) {
            // train a fresh model on fold.train(), score it on fold.test(); report the mean and spread
            tested += fold.test().size();
        }
        // end::folds[]
        assertEquals(tickets.size(), tested);
    }

    @Test
    void taggedPostsTrainOneSigmoidPerTag() throws Exception {
        Path corpus = Path.of(YourOwnCorpusChapterTest.class.getResource("posts.jsonl").toURI());
        // tag::multilabel[]
        TextCorpus posts = TextDatasets.jsonLines(corpus).text("text").labels("tags", "|").read();
        List<String> tags = posts.classes().classes();          // [health, politics, sport, tech]
        Split<TextCorpus> parts = StratifiedSplit.of(posts, 0.2, 42);   // at random: a post has several tags
        TextVectorization vectorizer = TextVectorization.builder()
                .optMaxTokens(5_000).optOutputMode(OutputMode.TF_IDF).build();
        vectorizer.adapt(parts.train().texts());
        Sequential model = Sequential.of(Input.ofStrings(), vectorizer,
                new Dense(32, "relu"),
                new Dense(tags.size(), "sigmoid")).seed(42);   // one independent probability per tag
        model.compile(new Adam(0.01f), "binary_crossentropy", "binary_accuracy");
        model.fit(parts.train().texts(), parts.train().labelTensor(),   // (texts, tags) of 0/1
                FitOptions.builder().epochs(20).batchSize(8).build());
        float[] p = model.predict(parts.test().texts()).toArray();     // (texts, tags), row-major
        float[] truth = parts.test().targets();                        // the same layout, 0/1
        long truePositives = 0;
        long wrong = 0;                                                // false positives and negatives
        for (int i = 0; i < p.length; i++) {
            boolean predicted = p[i] >= 0.5f;
            truePositives += predicted && truth[i] == 1 ? 1 : 0;
            wrong += predicted != (truth[i] == 1) ? 1 : 0;
        }
        double microF1 = 2.0 * truePositives / (2.0 * truePositives + wrong);
        // end::multilabel[]
        assertEquals(List.of("health", "politics", "sport", "tech"), tags);
        assertTrue(microF1 >= GOOD_ENOUGH - 0.1, "micro F1 " + microF1);
    }

    @Test
    void ratedReviewsTrainALinearOutputThatBeatsTheMean() throws Exception {
        Path corpus = Path.of(YourOwnCorpusChapterTest.class.getResource("reviews.csv").toURI());
        // tag::regression[]
        TextCorpus reviews = TextDatasets.csv(corpus).text("review").target("stars").read();
        Split<TextCorpus> parts = StratifiedSplit.of(reviews, 0.2, 42);
        TextVectorization vectorizer = TextVectorization.builder()
                .optMaxTokens(5_000).optOutputMode(OutputMode.TF_IDF).build();
        vectorizer.adapt(parts.train().texts());
        Sequential model = Sequential.of(Input.ofStrings(), vectorizer,
                new Dense(32, "relu"),
                new Dense(1)).seed(42);                         // linear: any number
        model.compile(new Adam(0.01f), "mean_squared_error");
        model.fit(parts.train().texts(), parts.train().labelTensor(),   // (texts, 1) stars
                FitOptions.builder().epochs(30).batchSize(8).build());
        float[] predicted = model.predict(parts.test().texts()).toArray();
        float[] stars = parts.test().targets();
        double mean = 0;                                       // the baseline: the training mean
        for (float t : parts.train().targets()) {
            mean += t / parts.train().size();
        }
        double mae = 0;
        double baselineMae = 0;
        for (int i = 0; i < stars.length; i++) {
            mae += Math.abs(predicted[i] - stars[i]) / stars.length;
            baselineMae += Math.abs(mean - stars[i]) / stars.length;
        }
        // end::regression[]
        assertTrue(mae < baselineMae * 0.8, "MAE " + mae + " against the baseline's " + baselineMae);
    }
}
