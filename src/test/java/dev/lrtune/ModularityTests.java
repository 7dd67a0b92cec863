package dev.lrtune;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * lrtune's modules (one per top-level package) depend on each other only through what each exposes, and without
 * cycles; the module documentation in {@code docs/modules} (PlantUML, C4 style, and a canvas per module) is written
 * from the same model on every run, so it cannot drift from the code.
 */
class ModularityTests {

	private static final ApplicationModules MODULES = ApplicationModules.of(LrtuneApplication.class);

	@Test
	void modulesDependOnEachOtherOnlyThroughWhatTheyExposeAndWithoutCycles() {
		MODULES.verify();
	}

	@Test
	void writesTheModuleDocumentation() {
		new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("docs/modules"))
			.writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml()
			.writeModuleCanvases();
	}

}
