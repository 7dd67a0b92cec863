package dev.lrtune;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

import org.junit.jupiter.api.Test;

/**
 * Keeps the numerical core plain Java, so it can be tested, benchmarked and reused without the service. The rules are
 * checked on lrtune's main classes as Spring Modulith's model of the modules imported them ({@link LrtuneClasses}), so
 * the classes are imported once for this class and {@link ModularityTests}.
 */
class ArchitectureTests {

	static final ArchRule coreUsesNoFrameworkOrIo = noClasses().that()
		.resideInAPackage("dev.lrtune.core..")
		.and()
		.doNotHaveSimpleName("package-info")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework..", "jakarta..", "javax..", "org.hibernate..", "tools.jackson..",
				"com.fasterxml.jackson..", "io.swagger..", "java.io..", "java.nio..", "java.net..", "java.sql..")
		.because("the core is plain Java: no Spring, JPA, JSON or I/O");

	/** The one Spring type the core may name: Spring Modulith's module declaration, on its package-info. */
	static final ArchRule corePackageInfoOnlyDeclaresTheModule = noClasses().that()
		.resideInAPackage("dev.lrtune.core..")
		.and()
		.haveSimpleName("package-info")
		.should()
		.dependOnClassesThat()
		.resideOutsideOfPackages("dev.lrtune.core..", "java..", "org.springframework.modulith")
		.because("a module declaration carries no behaviour; anything else in the core stays plain Java");

	static final ArchRule coreDependsOnNothingElseInLrtune = noClasses().that()
		.resideInAPackage("dev.lrtune.core..")
		.and()
		.doNotHaveSimpleName("package-info")
		.should()
		.dependOnClassesThat()
		.resideOutsideOfPackages("dev.lrtune.core..", "java..", "jdk.incubator.vector..")
		.because("the service depends on the core, never the other way round (the JDK's vector API is part of the platform)");

	@Test
	void coreUsesNoFrameworkOrIo() {
		coreUsesNoFrameworkOrIo.check(LrtuneClasses.CLASSES);
	}

	@Test
	void corePackageInfoOnlyDeclaresTheModule() {
		corePackageInfoOnlyDeclaresTheModule.check(LrtuneClasses.CLASSES);
	}

	@Test
	void coreDependsOnNothingElseInLrtune() {
		coreDependsOnNothingElseInLrtune.check(LrtuneClasses.CLASSES);
	}

}
