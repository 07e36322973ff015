package dev.crmkit.inmemory;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Every module keeps out of the others' {@code internal} packages. Imports all of
 * {@code dev.crmkit} on the test class path: core, testkit and this adapter, tests included.
 */
@AnalyzeClasses(packages = "dev.crmkit")
class ArchitectureTest {

    @ArchTest
    static void importsEveryModuleOnTheClassPath(JavaClasses classes) {
        assertThat(classes.contain("dev.crmkit.core.Crm")).as("crm-core imported").isTrue();
        assertThat(classes.contain("dev.crmkit.testkit.ContractSupport")).as("crm-testkit imported").isTrue();
        assertThat(classes.contain(InMemoryStorage.class)).as("crm-inmemory imported").isTrue();
    }

    @ArchTest
    static final ArchRule onlyCoreUsesCoreInternals = noClasses()
            .that().resideOutsideOfPackage("dev.crmkit.core..")
            .should().dependOnClassesThat().resideInAPackage("dev.crmkit.core.internal..");

    @ArchTest
    static final ArchRule onlyTheAdapterUsesItsInternals = noClasses()
            .that().resideOutsideOfPackage("dev.crmkit.inmemory..")
            .should().dependOnClassesThat().resideInAPackage("dev.crmkit.inmemory.internal..");

    @ArchTest
    static final ArchRule theAdapterUsesNoJdbc = noClasses()
            .that().resideInAPackage("dev.crmkit.inmemory..")
            .should().dependOnClassesThat().resideInAPackage("java.sql..");
}
