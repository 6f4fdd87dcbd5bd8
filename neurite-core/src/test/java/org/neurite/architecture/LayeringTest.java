package org.neurite.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The dependency direction of DESIGN.md, made executable: lower packages never import higher ones.
 * {@code explain} (attributions of a model's predictions) sits beside {@code train} above {@code nn}:
 * it runs models and their gradients but neither trains nor reads files or text, and nothing in
 * the library depends on it. {@code data} sits above {@code text}: its ready-made Keras views
 * ({@code KerasImdb}) tokenise reviews, while {@code text} never reads datasets.
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
                .whereLayer("explain").mayNotBeAccessedByAnyLayer()
                .whereLayer("text").mayOnlyBeAccessedByLayers("io", "data")
                .whereLayer("data").mayOnlyBeAccessedByLayers("io")
                .whereLayer("io").mayNotBeAccessedByAnyLayer()
                .whereLayer("train").mayOnlyBeAccessedByLayers("io", "data", "text")
                .whereLayer("nn").mayOnlyBeAccessedByLayers("train", "io", "data", "text", "explain")
                .whereLayer("autograd").mayOnlyBeAccessedByLayers("nn", "train", "io", "data", "text",
                        "explain")
                .whereLayer("tensor").mayOnlyBeAccessedByLayers("autograd", "nn", "train", "io", "data", "text",
                        "explain")
                .whereLayer("kernels").mayOnlyBeAccessedByLayers("tensor", "autograd", "nn", "train", "io", "data",
                        "text", "explain")
                .check(CLASSES);
    }
}
