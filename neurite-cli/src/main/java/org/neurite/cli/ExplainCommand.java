package org.neurite.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.neurite.cli.recipes.ModelLabels;
import org.neurite.cli.recipes.ModelTargets;
import org.neurite.cli.report.AttributionView;
import org.neurite.data.LabelKind;
import org.neurite.explain.Attribution;
import org.neurite.explain.IntegratedGradients;
import org.neurite.explain.TextExplainer;
import org.neurite.models.Model;
import org.neurite.text.TextVectorization;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code neurite explain --model FILE --text "..."}: which words pushed a text classifier's
 * prediction up or down, by integrated gradients over the embeddings (models starting with an
 * Embedding) or occlusion (bag-of-words models); see {@link TextExplainer}. Prints the probability
 * and the coloured words (plain {@code word(+0.12)} when standard output is not a terminal or with
 * {@code --no-color}) and writes the same as an HTML page. The model file must hold its vectorizer,
 * as those of {@code neurite train imdb-...} do.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Show which words pushed a text model's prediction up (green) or down (red).")
public final class ExplainCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, converter = Arguments.InputFile.class, description = "A model file with its vectorizer (neurite train imdb-...).")
    Path file;

    @Option(names = "--text", required = true, description = "The text to explain.")
    String text;

    @Option(names = "--html", converter = Arguments.OutputFile.class, description = "Where to write the HTML page (default: ${DEFAULT-VALUE}).",
            defaultValue = "explanation.html")
    Path html;

    @Option(names = "--no-color", description = "Print word(+0.12) instead of colours.")
    boolean noColor;

    @Option(names = "--steps", converter = Arguments.Count.class, description = "Integrated-gradients steps along the path (default: ${DEFAULT-VALUE}).",
            defaultValue = "50")
    int steps;

    @Option(names = "--baseline", description = "Integrated-gradients baseline: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            defaultValue = "ZERO")
    IntegratedGradients.Baseline baseline;

    @Override
    public Integer call() throws Exception {
        Model model = Model.load(file);
        TextVectorization vectorizer = model.vectorizer().orElseThrow(() ->
                new IllegalArgumentException(file + " holds no vectorizer, so raw text cannot be fed to it"));
        TextExplainer.Options options = new TextExplainer.Options(new IntegratedGradients.Options(steps, baseline),
                TextExplainer.Options.defaults().maxOcclusionWords());
        String text = PredictCommand.withoutByteOrderMark(this.text);
        Attribution a = TextExplainer.explain(model.network(), text, vectorizer::tokenize,
                t -> vectorizer.transform(List.of(t)), options);
        String what = explained(model, a.target(), model.predict(List.of(text)).dim(1));
        System.out.println(AttributionView.headline(a, what));
        System.out.println(AttributionView.terminal(a, !noColor && System.console() != null));
        String page = AttributionView.html(a, text, what);
        Writing.to(html, () -> Files.writeString(html, page));
        System.out.println("wrote " + html);
        return 0;
    }

    /**
     * The explained output by name: a regression's value, else the probability of the class or label
     * that output {@code output} of {@code units} stands for (one sigmoid unit stands for class 1).
     */
    private static String explained(Model model, int output, int units) {
        ModelTargets targets = ModelTargets.of(model);
        if (targets.kind() == LabelKind.REGRESSION) {
            return "prediction";
        }
        int id = units == 1 ? 1 : output;
        boolean named = ModelLabels.stored(model).isPresent() && id < targets.classes().size();
        return named ? "P(" + targets.classes().nameOf(id) + ")" : units == 1 ? "P(positive)" : "P(class " + id + ")";
    }
}
