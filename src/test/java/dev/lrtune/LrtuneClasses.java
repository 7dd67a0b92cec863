package dev.lrtune;

import java.lang.reflect.Field;

import com.tngtech.archunit.core.domain.JavaClasses;

import org.springframework.modulith.core.ApplicationModules;

/**
 * lrtune's main classes, imported once per test JVM for {@link ModularityTests} and {@link ArchitectureTests}: Spring
 * Modulith's model of the modules and the ArchUnit classes it was built from (the package of
 * {@link LrtuneApplication}, tests left out). Importing the classes is most of what each check costs, and
 * {@link ApplicationModules} keeps its import to itself, so it is read from the model's field.
 */
final class LrtuneClasses {

	static final ApplicationModules MODULES = ApplicationModules.of(LrtuneApplication.class);

	static final JavaClasses CLASSES = importedBy(MODULES);

	private LrtuneClasses() {
	}

	private static JavaClasses importedBy(ApplicationModules modules) {
		try {
			Field field = ApplicationModules.class.getDeclaredField("allClasses");
			field.setAccessible(true);
			return (JavaClasses) field.get(modules);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Spring Modulith's ApplicationModules no longer keeps its classes in "
					+ "allClasses: import them with ArchUnit's ClassFileImporter instead", ex);
		}
	}

}
