package dev.crmkit.core;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layering of crm-core: no storage technology, no adapter, and {@code internal} kept internal. */
@AnalyzeClasses(packages = "dev.crmkit.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] INTERNAL = {"dev.crmkit.core.internal..", "dev.crmkit.core.importjob.internal.."};

    private static final String[] PUBLIC_API = {
            "dev.crmkit.core",
            "dev.crmkit.core.customer..",
            "dev.crmkit.core.field..",
            "dev.crmkit.core.activity..",
            "dev.crmkit.core.permission..",
            "dev.crmkit.core.phone..",
            "dev.crmkit.core.text..",
            "dev.crmkit.core.result..",
            "dev.crmkit.core.product..",
            "dev.crmkit.core.script..",
            "dev.crmkit.core.work..",
            "dev.crmkit.core.call..",
            "dev.crmkit.core.message..",
            "dev.crmkit.core.attachment..",
            "dev.crmkit.core.blob..",
            "dev.crmkit.core.importjob",
    };

    @ArchTest
    static final ArchRule coreDoesNotUseJdbc = noClasses()
            .that().resideInAPackage("dev.crmkit.core..")
            .should().dependOnClassesThat().resideInAPackage("java.sql..");

    @ArchTest
    static final ArchRule coreDoesNotKnowTheOtherModules = noClasses()
            .that().resideInAPackage("dev.crmkit.core..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.crmkit.inmemory..", "dev.crmkit.jdbc..", "dev.crmkit.importer..", "dev.crmkit.cli..",
                    "dev.crmkit.testkit..");

    @ArchTest
    static final ArchRule storagePortsDoNotUseTheDefaultServices = noClasses()
            .that().resideInAPackage("dev.crmkit.core.spi..")
            .should().dependOnClassesThat().resideInAnyPackage(INTERNAL);

    @ArchTest
    static final ArchRule onlyCrmWiresTheInternals = classes()
            .that().resideInAnyPackage(INTERNAL)
            .should().onlyHaveDependentClassesThat(resideInAnyPackage(INTERNAL).or(belongToAnyOf(Crm.class)));

    @ArchTest
    static final ArchRule publicApiDoesNotExposeTheInternals = noClasses()
            .that().resideInAnyPackage(PUBLIC_API)
            .and().doNotBelongToAnyOf(Crm.class)
            .should().dependOnClassesThat().resideInAPackage("..internal..");

    /** The public API says what may be null: every package of it is @NullMarked (NullAway checks them as they compile). */
    @org.junit.jupiter.api.Test
    void everyPublicPackageIsNullMarked() throws ClassNotFoundException {
        java.util.List<String> packages = new java.util.ArrayList<>(java.util.List.of(PUBLIC_API));
        packages.add("dev.crmkit.core.spi");
        for (String name : packages) {
            String packageName = name.replace("..", "");
            Class.forName(packageName + ".package-info");
            Package p = Crm.class.getClassLoader().getDefinedPackage(packageName);
            org.assertj.core.api.Assertions.assertThat(p).as(packageName).isNotNull();
            org.assertj.core.api.Assertions.assertThat(p.isAnnotationPresent(org.jspecify.annotations.NullMarked.class))
                    .as(packageName + " is @NullMarked").isTrue();
        }
    }

    @ArchTest
    static final ArchRule storagePortsDoNotUseTheServiceWiring = noClasses()
            .that().resideInAPackage("dev.crmkit.core.spi..")
            .should().dependOnClassesThat().belongToAnyOf(Crm.class);
}
