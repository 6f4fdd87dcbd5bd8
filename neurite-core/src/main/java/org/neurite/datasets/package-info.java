/**
 * Ready-made views of datasets that need both the raw data ({@code org.neurite.data}) and text
 * processing ({@code org.neurite.text}), as Keras' {@code keras.datasets} module serves them. It sits
 * above both, since neither may import the other; nothing in the library imports it.
 *
 * <pre>{@code
 * Split<SequenceDataset> imdb = KerasImdb.loadData(10_000);
 * }</pre>
 */
package org.neurite.datasets;
