/**
 * The model object a Keras user expects: {@link org.neurite.models.Model} ({@code keras.Model}) and
 * {@link org.neurite.models.Sequential} ({@code keras.Sequential}), built from layers, compiled with
 * Keras' words or typed objects, trained, evaluated, asked for predictions and saved to one file,
 * raw texts included when the first layer is a {@code TextVectorization}.
 *
 * <pre>{@code
 * Sequential model = Sequential.of(Input.of(28, 28), new Flatten(), new Dense(128, "relu"),
 *         new Dense(10, "softmax"));
 * model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
 * model.fit(x, y, FitOptions.builder().epochs(5).build());
 * model.save("mnist.neurite");
 * }</pre>
 *
 * <p>This package is the top of the library: it joins {@code nn} (the networks), {@code train} (the
 * loops), {@code io} (the file) and {@code text} (the vectorizer), and nothing in the library
 * imports it (see docs/ARCHITECTURE.md, "Packages and layering").
 */
package org.neurite.models;
