package org.neurite.cli.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.neurite.data.DuplicateCheck;
import org.neurite.data.MailMessage;
import org.neurite.data.SpamAssassin;
import org.neurite.data.Split;
import org.neurite.data.TextCorpus;
import org.neurite.testing.NeedsDataset;

class SpamFilterTest {
    @Test
    void testMailThatRepeatsTrainingMailIsRemoved() {
        List<MailMessage> mail = new ArrayList<>();
        for (int i = 0; i < 2 * SpamFilterFixtures.PER_CLASS; i++) {
            boolean spam = i % 2 == 1;
            byte[] bytes = SpamFilterFixtures.mail(spam, i).getBytes(StandardCharsets.UTF_8);
            mail.add(new MailMessage("a/" + i, "g", spam, bytes));
            mail.add(new MailMessage("b/" + i, "g", spam, bytes));   // each mail twice
        }

        Split<TextCorpus> parts = new SpamFilter(() -> mail).parts();

        Set<String> train = new HashSet<>(parts.train().texts());
        assertTrue(parts.test().texts().stream().noneMatch(train::contains), "a test mail repeats a training mail");
    }

    @Test
    void theCorpusIsShuffledSoThatTheValidationTailHoldsBothClasses() {
        TextCorpus corpus = SpamFilter.corpus(fixtureMail());

        int[] tail = java.util.Arrays.copyOfRange(corpus.classIds(), corpus.size() - corpus.size() / 4, corpus.size());
        assertTrue(java.util.Arrays.stream(tail).anyMatch(id -> id == 0) && java.util.Arrays.stream(tail).anyMatch(id -> id == 1));
    }

    @Test
    void theModelFileSaysItReadsEmailAndNamesHamAndSpam() {
        var metadata = new SpamFilter().modelMetadata();

        assertEquals("email", metadata.get("input_kind"));
        assertTrue(metadata.get("label_mapping").contains("[\"ham\",\"spam\"]"), metadata.toString());
    }

    @Test
    void theBaselineIsLogisticRegressionOnTheSameTfIdfFeatures() {
        SpamFilter recipe = SpamFilterFixtures.recipe();
        RecipeData data = recipe.data();

        assertEquals(SpamFilter.MAX_TOKENS + 1, SpamFilter.baseline(1, data).countParams());   // padded to max tokens
    }

    @Test
    @NeedsDataset
    void realCorpusParsesAndSplitsWithoutDuplicatedTestMail() {
        Split<TextCorpus> parts = new SpamFilter().parts();

        assertEquals(SpamAssassin.SIZE - Math.round(SpamAssassin.SIZE * SpamFilter.TEST_SHARE), parts.train().size(), 1);
        assertTrue(parts.test().size() > 0.8 * SpamAssassin.SIZE * SpamFilter.TEST_SHARE, "test: " + parts.test().size());
        assertTrue(DuplicateCheck.between(parts.train().texts(), parts.test().texts(),
                DuplicateCheck.Options.defaults()).isEmpty());
        long blank = parts.train().texts().stream().filter(String::isBlank).count();
        assertEquals(0, blank);
    }

    @Test
    void exportedTrainingTextsAreTheTrainingPartInTheOrderItTrains() {
        SpamFilter spam = new SpamFilter(SpamFilterTest::fixtureMail);

        LabelledTexts train = spam.trainTexts().orElseThrow();

        assertEquals(spam.parts().train().texts(), train.texts());
        assertEquals(java.util.Arrays.toString(spam.parts().train().labelTensor().toArray()),
                java.util.Arrays.toString(train.labels().toArray()));
    }

    private static List<MailMessage> fixtureMail() {
        List<MailMessage> mail = new ArrayList<>();
        for (int i = 0; i < 2 * SpamFilterFixtures.PER_CLASS; i++) {
            boolean spam = i >= SpamFilterFixtures.PER_CLASS;   // sorted by class, as the corpus is by id
            mail.add(new MailMessage("m/" + i, "g", spam, SpamFilterFixtures.mail(spam, i).getBytes(StandardCharsets.UTF_8)));
        }
        return mail;
    }
}
