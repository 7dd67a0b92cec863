package dev.lrtune;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the numerical core plain Java, so it can be tested, benchmarked and reused without the service. */
@AnalyzeClasses(packages = "dev.lrtune", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule coreUsesNoFrameworkOrIo = noClasses().that()
		.resideInAPackage("dev.lrtune.core..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework..", "jakarta..", "javax..", "org.hibernate..", "tools.jackson..",
				"com.fasterxml.jackson..", "io.swagger..", "java.io..", "java.nio..", "java.net..", "java.sql..")
		.because("the core is plain Java: no Spring, JPA, JSON or I/O");

	@ArchTest
	static final ArchRule coreDependsOnNothingElseInLrtune = noClasses().that()
		.resideInAPackage("dev.lrtune.core..")
		.should()
		.dependOnClassesThat()
		.resideOutsideOfPackages("dev.lrtune.core..", "java..", "jdk.incubator.vector..")
		.because("the service depends on the core, never the other way round (the JDK's vector API is part of the platform)");

}
