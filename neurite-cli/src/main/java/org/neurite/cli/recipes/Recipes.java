package org.neurite.cli.recipes;

import java.util.List;

/** The recipes the command line knows, by name. */
public final class Recipes {
    private static final List<Recipe> ALL = List.of(new MnistMlp(), new LinearRegression(), new AddingProblem(),
            ImdbSentiment.bagOfWords(), ImdbSentiment.lstm(), ImdbSentiment.bidirectionalLstm(),
            ImdbSentiment.convolution(), ImdbSentiment.transformer(),
            new TextClassifier(),
            CharacterLanguageModel.lstm(), CharacterLanguageModel.gpt(), new NextWord(),
            new TranslateDates(), new Pronounce(), new SpamFilter(), new org.neurite.cli.recipes.forecast.Forecast(), new Autoencoder());

    private Recipes() {
    }

    public static List<Recipe> all() {
        return ALL;
    }

    /** The recipe of that name, or an error listing the known ones. */
    public static Recipe named(String name) {
        return ALL.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown recipe '" + name + "'; known: "
                        + ALL.stream().map(Recipe::name).toList()));
    }
}
