package org.neurite.cli;

import java.io.Serial;

/**
 * A bad argument found while a command runs rather than while its line is parsed (a recipe's own
 * options, a combination of values): the command exits with the usage status 2, as for any bad
 * argument, and prints the message on one line.
 */
public final class UsageException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** An error whose message names the option, what was expected and what was found. */
    public UsageException(String message) {
        super(message);
    }

    /** The same, keeping the failure that revealed it. */
    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
