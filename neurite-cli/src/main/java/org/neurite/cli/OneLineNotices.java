package org.neurite.cli;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Shows what the library reports through {@link System.Logger} (stale temporary files removed,
 * say) as one {@code neurite: message} line on standard error, instead of the JDK's default two
 * lines with a date and a class name. Debug and trace records are not shown.
 */
final class OneLineNotices extends Handler {
    private static final Logger LIBRARY = Logger.getLogger("org.neurite");

    private OneLineNotices() {
        setLevel(Level.INFO);
    }

    /** Routes the library's records here; calling it again changes nothing. */
    static synchronized void install() {
        for (Handler h : LIBRARY.getHandlers()) {
            if (h instanceof OneLineNotices) {
                return;
            }
        }
        LIBRARY.setUseParentHandlers(false);
        LIBRARY.addHandler(new OneLineNotices());
    }

    @Override
    public void publish(LogRecord record) {
        if (isLoggable(record)) {
            // System.err looked up on each record: tests and callers may have replaced it.
            System.err.println("neurite: " + ErrorMessage.oneLine(String.valueOf(record.getMessage())));
        }
    }

    @Override
    public void flush() {
        System.err.flush();
    }

    @Override
    public void close() {
        flush();
    }
}
