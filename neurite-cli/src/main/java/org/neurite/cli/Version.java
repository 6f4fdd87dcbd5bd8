package org.neurite.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code neurite --version}: the library's version, which Maven writes from the pom (the one place
 * the version is set) into neurite-core's {@code org/neurite/io/version.properties}, the same the
 * model files record.
 */
public final class Version implements IVersionProvider {
    private static final String RESOURCE = "/org/neurite/io/version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {"neurite " + number()};
    }

    /** The library's version, such as {@code 0.1.0-SNAPSHOT}, as model files record it. */
    public static String number() {
        Properties properties = new Properties();
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return properties.getProperty("version", "(version unknown)");
    }
}
