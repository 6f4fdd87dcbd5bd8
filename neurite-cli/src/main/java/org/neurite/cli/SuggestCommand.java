package org.neurite.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.neurite.cli.recipes.LanguageModelScores;
import org.neurite.cli.recipes.NextWord;
import org.neurite.text.NextTokenSampler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code neurite suggest --model FILE --text "I would like to"}: the three words a word language
 * model ({@code neurite train next-word}) finds most likely to come next, best first, one per line
 * with its probability, as a phone's keyboard offers them. The text is read as the model was
 * trained (lower-cased, punctuation stripped); a word it does not know counts as {@code [UNK]},
 * which is never suggested. A text without any word is refused.
 *
 * <pre>{@code
 * neurite suggest --model out/next-word/model.neurite --text "I would like to"
 * thank 0.1123
 * express 0.0811
 * see 0.0402
 * }</pre>
 */
@Command(name = "suggest", mixinStandardHelpOptions = true,
        description = "The three most likely next words, from a word language model (neurite train next-word).")
public final class SuggestCommand implements Callable<Integer> {
    static final int SUGGESTIONS = 3;

    @Option(names = "--model", required = true, converter = Arguments.InputFile.class,
            description = "A model file written by 'neurite train next-word'.")
    Path file;

    @Option(names = "--text", required = true, description = "The words typed so far.")
    String text;

    @Override
    public Integer call() throws Exception {
        LanguageModelFile lm = LanguageModelFile.load(file, NextWord.KIND, "suggest");
        int[] ids = NextWord.ids(lm.model().vectorizer().orElseThrow(),
                List.of(PredictCommand.withoutByteOrderMark(text)));
        if (ids.length == 0) {
            throw new UsageException("--text holds no word (only spaces or punctuation); give the words typed so far");
        }
        float[] logits = lm.nextLogits(ids);
        double logNormaliser = LanguageModelScores.logSumExp(logits);
        logits[0] = Float.NEGATIVE_INFINITY;   // padding and [UNK] are no words to offer
        logits[1] = Float.NEGATIVE_INFINITY;
        for (int id : NextTokenSampler.topIndices(logits, SUGGESTIONS)) {
            System.out.printf(Locale.ROOT, "%s %.4f%n", lm.vocabulary().get(id), Math.exp(logits[id] - logNormaliser));
        }
        return 0;
    }
}
