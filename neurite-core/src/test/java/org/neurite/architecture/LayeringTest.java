package org.neurite.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The dependency direction of docs/ARCHITECTURE.md ("Packages and layering"), made executable: lower
 * packages never import higher ones. {@code models} (the user-facing {@code Model} and
 * {@code Sequential}) is the top of the library: it joins networks ({@code nn}), training
 * ({@code train}), files ({@code io}) and text vectorization ({@code text}) into one object, and no
 * other package of the library imports it. {@code explain} (attributions of a model's predictions)
 * sits beside {@code train} above {@code nn}: it runs networks and their gradients but neither trains
 * nor reads files or text, and nothing in the library depends on it. {@code data} sits above
 * {@code text}: its ready-made Keras views ({@code KerasImdb}) tokenise reviews, while {@code text}
 * never reads datasets.
 */
class LayeringTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.neurite");

    @Test
    void lowerPackagesNeverImportHigherOnes() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("kernels").definedBy("org.neurite.kernels..")
                .layer("tensor").definedBy("org.neurite.tensor..")
                .layer("autograd").definedBy("org.neurite.autograd..")
                .layer("nn").definedBy("org.neurite.nn..")
                .layer("train").definedBy("org.neurite.train..")
                .layer("io").definedBy("org.neurite.io..")
                .layer("data").definedBy("org.neurite.data..")
                .layer("text").definedBy("org.neurite.text..")
                .layer("explain").definedBy("org.neurite.explain..")
                .layer("models").definedBy("org.neurite.models..")
                .whereLayer("models").mayNotBeAccessedByAnyLayer()
                .whereLayer("explain").mayNotBeAccessedByAnyLayer()
                .whereLayer("text").mayOnlyBeAccessedByLayers("io", "data", "models")
                .whereLayer("data").mayOnlyBeAccessedByLayers("io", "models")
                .whereLayer("io").mayOnlyBeAccessedByLayers("models")
                .whereLayer("train").mayOnlyBeAccessedByLayers("io", "data", "text", "models")
                .whereLayer("nn").mayOnlyBeAccessedByLayers("train", "io", "data", "text", "explain", "models")
                .whereLayer("autograd").mayOnlyBeAccessedByLayers("nn", "train", "io", "data", "text",
                        "explain", "models")
                .whereLayer("tensor").mayOnlyBeAccessedByLayers("autograd", "nn", "train", "io", "data", "text",
                        "explain", "models")
                .whereLayer("kernels").mayOnlyBeAccessedByLayers("tensor", "autograd", "nn", "train", "io", "data",
                        "text", "explain", "models")
                .check(CLASSES);
    }
}
