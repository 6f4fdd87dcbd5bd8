package org.neurite.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.neurite.text.NextTokenSampler;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code neurite generate --model FILE --prompt "Call me" --length 300 --temperature 0.8 [--top-k K]
 * [--seed S]}: writes the prompt, then {@code --length} characters drawn one at a time from a
 * character language model ({@code neurite train char-lstm} or {@code gpt}), each printed as soon
 * as it is drawn. See {@link NextTokenSampler} for temperature and top-k.
 *
 * <p>An empty prompt starts the text as a new paragraph would (after a blank line, which is not
 * printed). Characters of the prompt that the model never saw in training are left out of its
 * context, with one notice on standard error naming them; a prompt with no known character starts
 * like an empty one.
 *
 * <pre>{@code
 * neurite generate --model out/gpt/model.neurite --prompt "Call me" --length 60 --seed 1
 * Call me Ishmael, said the captain, and the whale ...
 * }</pre>
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write text with a character language model (neurite train char-lstm or gpt).")
public final class GenerateCommand implements Callable<Integer> {
    /** The context of an empty prompt: the blank line before a paragraph. */
    static final String PARAGRAPH_START = "\n\n";

    @Option(names = "--model", required = true, converter = Arguments.InputFile.class,
            description = "A model file written by 'neurite train char-lstm' or 'neurite train gpt'.")
    Path file;

    @Option(names = "--prompt", defaultValue = "", description = "The text to continue (default: none, a new paragraph).")
    String prompt;

    @Option(names = "--length", defaultValue = "300", converter = Arguments.Count.class,
            description = "Characters to generate (default: ${DEFAULT-VALUE}).")
    int length;

    @Option(names = "--temperature", defaultValue = "0.8", converter = Temperature.class,
            description = "0 for the most likely character, below 1 safer, above 1 wilder (default: ${DEFAULT-VALUE}).")
    float temperature;

    @Option(names = "--top-k", defaultValue = "0", converter = TopK.class,
            description = "Draw only from the K most likely characters; 0 for all (default: ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the draws (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        LanguageModelFile lm = LanguageModelFile.load(file, "characters", "generate");
        String text = PredictCommand.withoutByteOrderMark(prompt);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.print(text);
        generate(lm, context(lm.vocabulary(), text), new NextTokenSampler(temperature, topK, seed), length, out);
        out.println();
        return 0;
    }

    /** Draws {@code length} characters after {@code context}, printing each at once. */
    static void generate(LanguageModelFile lm, int[] context, NextTokenSampler sampler, int length, PrintStream out) {
        int[] ids = Arrays.copyOf(context, context.length + length);
        for (int i = context.length; i < ids.length; i++) {
            float[] logits = lm.nextLogits(Arrays.copyOf(ids, i));
            logits[0] = Float.NEGATIVE_INFINITY;   // padding and [UNK] are no characters
            logits[1] = Float.NEGATIVE_INFINITY;
            ids[i] = sampler.sample(logits);
            out.print(lm.vocabulary().get(ids[i]));
            out.flush();
        }
    }

    /**
     * The ids of the prompt's known characters, or of {@link #PARAGRAPH_START} when there are none;
     * unknown characters are named on standard error.
     */
    static int[] context(List<String> vocabulary, String prompt) {
        Set<String> unknown = prompt.codePoints().mapToObj(Character::toString).filter(c -> !vocabulary.contains(c))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (!unknown.isEmpty()) {
            System.err.println("neurite: the model never saw " + unknown.stream().map(c -> "'" + c + "'")
                    .collect(Collectors.joining(", ")) + " in training; left out of the prompt's context");
        }
        String known = prompt.codePoints().mapToObj(Character::toString).filter(vocabulary::contains)
                .collect(Collectors.joining());
        return org.neurite.cli.recipes.CharacterLanguageModel.encode(vocabulary,
                known.isEmpty() ? paragraphStart(vocabulary) : known);
    }

    /** A blank line, or the most frequent character for a model trained on a text without line breaks. */
    private static String paragraphStart(List<String> vocabulary) {
        return vocabulary.contains("\n") ? PARAGRAPH_START : vocabulary.get(2);
    }

    /** {@code --temperature}: a finite number, 0 or more. */
    static final class Temperature implements ITypeConverter<Float> {
        @Override
        public Float convert(String value) {
            try {
                float t = Float.parseFloat(value.strip());
                if (t >= 0f && Float.isFinite(t)) {
                    return t;
                }
            } catch (NumberFormatException e) {
                // refused below, saying what was expected
            }
            throw new TypeConversionException("expected 0 (the most likely character) or a finite positive"
                    + " number, found " + Arguments.quoted(value));
        }
    }

    /** {@code --top-k}: 0 (all) or a positive whole number. */
    static final class TopK implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int k = Integer.parseInt(value.strip());
                if (k >= 0) {
                    return k;
                }
            } catch (NumberFormatException e) {
                // refused below, saying what was expected
            }
            throw new TypeConversionException("expected 0 (all characters) or a positive whole number, found "
                    + Arguments.quoted(value));
        }
    }
}
