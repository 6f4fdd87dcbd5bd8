package org.neurite.cli.recipes;

import java.util.List;
import picocli.CommandLine;

/**
 * A recipe's own options ({@code neurite train RECIPE --units 64 ...}), parsed by picocli into an
 * options object: what every {@link Recipe#configured} does first.
 *
 * <pre>{@code
 * Options parsed = RecipeOptions.parse(name(), new Options(), args);
 * }</pre>
 */
public final class RecipeOptions {
    private RecipeOptions() {
    }

    /**
     * Fills {@code options} from {@code args} (enum values in any case) and returns it.
     *
     * @throws IllegalArgumentException naming the recipe and the option, for an unknown option or a
     *     value its converter refuses
     */
    public static <T> T parse(String recipe, T options, List<String> args) {
        try {
            new CommandLine(options).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args.toArray(new String[0]));
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(recipe + ": " + e.getMessage(), e);
        }
        return options;
    }
}
