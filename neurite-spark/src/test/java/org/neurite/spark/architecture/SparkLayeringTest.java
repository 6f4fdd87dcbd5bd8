package org.neurite.spark.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * neurite-spark sits beside neurite-cli on top of neurite-core: it uses the library, never the
 * command line's classes (corpus reading comes from core's {@code org.neurite.data}), and nothing in
 * the library knows Spark, so that core stays free of it.
 */
class SparkLayeringTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.neurite");

    @Test
    void sparkCodeNeverUsesTheCommandLineModule() {
        noClasses().that().resideInAPackage("org.neurite.spark..")
                .should().dependOnClassesThat().resideInAnyPackage("org.neurite.cli..", "org.neurite.bench..")
                .check(CLASSES);
    }

    @Test
    void theLibraryNeverUsesSpark() {
        noClasses().that().resideOutsideOfPackage("org.neurite.spark..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "scala..")
                .check(CLASSES);
    }
}
