package dev.skiff.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Core is the domain: it must run anywhere, so it names no cloud, framework or database. */
class CoreArchitectureTest {

  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.skiff.core");
  }

  @Test
  void core_importsNoAwsSdk() {
    check(
        noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("software.amazon..", "com.amazonaws.."));
  }

  @Test
  void core_importsNoMicronaut() {
    check(noClasses().should().dependOnClassesThat().resideInAnyPackage("io.micronaut.."));
  }

  @Test
  void core_importsNoJdbc() {
    check(
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql.."));
  }

  @Test
  void core_importsNoPicocli() {
    check(noClasses().should().dependOnClassesThat().resideInAnyPackage("picocli.."));
  }

  @Test
  void core_isNotEmpty() {
    // Guards the guard: if the import found nothing, every rule above would pass vacuously.
    org.assertj.core.api.Assertions.assertThat(core.size()).isGreaterThan(10);
  }

  private static void check(ArchRule rule) {
    rule.check(core);
  }
}
