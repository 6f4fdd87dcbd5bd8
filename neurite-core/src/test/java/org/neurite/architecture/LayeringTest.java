package org.neurite.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The dependency direction of DESIGN.md, made executable: lower packages never import higher ones. */
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
                .layer("datasets").definedBy("org.neurite.datasets..")
                .whereLayer("datasets").mayNotBeAccessedByAnyLayer()
                .whereLayer("text").mayOnlyBeAccessedByLayers("io", "datasets")
                .whereLayer("data").mayOnlyBeAccessedByLayers("io", "datasets")
                .whereLayer("io").mayNotBeAccessedByAnyLayer()
                .whereLayer("train").mayOnlyBeAccessedByLayers("io", "data", "text", "datasets")
                .whereLayer("nn").mayOnlyBeAccessedByLayers("train", "io", "data", "text", "datasets")
                .whereLayer("autograd").mayOnlyBeAccessedByLayers("nn", "train", "io", "data", "text", "datasets")
                .whereLayer("tensor").mayOnlyBeAccessedByLayers("autograd", "nn", "train", "io", "data", "text", "datasets")
                .whereLayer("kernels").mayOnlyBeAccessedByLayers("tensor", "autograd", "nn", "train", "io", "data", "text", "datasets")
                .check(CLASSES);
    }
}
