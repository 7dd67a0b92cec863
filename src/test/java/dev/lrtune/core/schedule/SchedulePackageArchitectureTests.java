package dev.lrtune.core.schedule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class SchedulePackageArchitectureTests {

	@Test
	void theSchedulesArePlainJavaWithoutFrameworkOrIo() {
		noClasses().that()
			.resideInAPackage("dev.lrtune.core.schedule..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "tools.jackson..", "com.fasterxml.jackson..",
					"io.swagger..", "jakarta..", "java.io..", "java.nio..", "java.sql..")
			.check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
				.importPackages("dev.lrtune.core.schedule"));
	}

}
