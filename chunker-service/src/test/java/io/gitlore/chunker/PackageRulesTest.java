package io.gitlore.chunker;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class PackageRulesTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.gitlore.chunker");

    @Test
    void theChunkersPackagesHaveNoCycles() {
        // The one exception: the Kafka consumer (messaging) hands items to the job service, which publishes through
        // the publisher (messaging); both are adapters around the service.
        slices().matching("io.gitlore.chunker.(*)..").should().beFreeOfCycles()
                .ignoreDependency(resideInAPackage("..chunker.messaging.."), resideInAPackage("..chunker.service.."))
                .check(MAIN);
    }

    @Test
    void parsingTextAndHygieneKnowNothingOfTheChunkingFlow() {
        noClasses().that().resideInAnyPackage("..chunker.syntax..", "..chunker.text..", "..chunker.hygiene..",
                        "..chunker.cache..")
                .should().dependOnClassesThat().resideInAnyPackage("..chunker.core..", "..chunker.service..",
                        "..chunker.messaging..", "..chunker.config..")
                .check(MAIN);
    }
}
