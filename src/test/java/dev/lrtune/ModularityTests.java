package dev.lrtune;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * lrtune's modules (one per top-level package) depend on each other only through what each exposes, and without
 * cycles. The module documentation committed in {@code docs/modules} (PlantUML, C4 style, and a canvas per module)
 * must say what the same model writes now, so it cannot drift from the code; it is written to
 * {@code target/modules} so that a test run leaves the working tree alone.
 */
class ModularityTests {

	private static final ApplicationModules MODULES = LrtuneClasses.MODULES;

	private static final Path COMMITTED = Path.of("docs/modules");

	private static final Path WRITTEN = Path.of("target/modules");

	@Test
	void modulesDependOnEachOtherOnlyThroughWhatTheyExposeAndWithoutCycles() {
		MODULES.verify();
	}

	@Test
	void theCommittedModuleDocumentationIsWhatTheCodeWritesNow() throws IOException {
		new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(WRITTEN.toString()))
			.writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml()
			.writeModuleCanvases();
		try (Stream<Path> files = Files.list(WRITTEN)) {
			for (Path written : files.toList()) {
				Path committed = COMMITTED.resolve(written.getFileName());
				assertThat(committed).as("%s is committed (copy target/modules to docs/modules)", committed).exists();
				// the writer's order of relations varies between runs; the set of lines is what documents the code
				assertThat(sortedLines(committed)).as("%s is stale: copy target/modules to docs/modules", committed)
					.isEqualTo(sortedLines(written));
			}
		}
	}

	private static List<String> sortedLines(Path file) throws IOException {
		return Files.readAllLines(file).stream().sorted().toList();
	}

}
