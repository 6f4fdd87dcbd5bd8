package org.neurite.data;

/**
 * A dataset's training and test parts, as the dataset's authors split them.
 *
 * <pre>{@code
 * Split<ImageDataset> mnist = ImageDatasets.mnist();
 * fit(mnist.train());
 * evaluate(mnist.test());
 * }</pre>
 *
 * @param train the part to learn from
 * @param test the held-out part to measure on
 * @param <T> the kind of dataset
 */
public record Split<T>(T train, T test) {
}
