package dev.crmkit.jdbc;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The adapter's layering: its public API is {@link JdbcStorage}, {@link CrmSchema} and {@link
 * JdbcBlobStore}; SQL lives in {@code internal}; nothing outside the adapter reaches into it; only
 * the COPY path touches the PostgreSQL driver, which is optional.
 */
@AnalyzeClasses(packages = "dev.crmkit", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static void importsTheAdapter(JavaClasses classes) {
        assertThat(classes.contain(JdbcStorage.class)).isTrue();
        assertThat(classes.contain("dev.crmkit.jdbc.internal.PgCopy")).isTrue();
    }

    @ArchTest
    static final ArchRule onlyTheAdapterUsesItsInternals = noClasses()
            .that().resideOutsideOfPackage("dev.crmkit.jdbc..")
            .should().dependOnClassesThat().resideInAPackage("dev.crmkit.jdbc.internal..");

    @ArchTest
    static final ArchRule theAdapterUsesNoCoreInternals = noClasses()
            .that().resideInAPackage("dev.crmkit.jdbc..")
            .should().dependOnClassesThat().resideInAPackage("dev.crmkit.core.internal..");

    @ArchTest
    static final ArchRule onlyTheCopyPathUsesThePostgresDriver = noClasses()
            .that().resideInAPackage("dev.crmkit.jdbc..")
            .and().doNotHaveSimpleName("PgCopy")
            .should().dependOnClassesThat().resideInAPackage("org.postgresql..");

    @ArchTest
    static final ArchRule thePublicPackageHoldsOnlyTheEntryPoints = classes()
            .that().resideInAPackage("dev.crmkit.jdbc").and().arePublic()
            .should().haveSimpleNameEndingWith("Storage").orShould().haveSimpleName("CrmSchema")
            .orShould().haveSimpleName("JdbcBlobStore").orShould().haveSimpleName("Builder");
}
