package dev.lrtune;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Gives {@code java -jar lrtune.jar} the model kernels' vector path without a flag the user has to know.
 * <p>
 * The Vector API is an incubator module that the JVM resolves only when told to on its command line, and a
 * jar's manifest cannot tell it. So when the packaged jar is started without the module, {@code main} starts
 * the same jar again in a child JVM with {@code --add-modules=jdk.incubator.vector} and the same JVM options
 * and arguments, shares its standard streams, hands it a termination signal, and exits with its status. The
 * parent stays idle meanwhile (one small extra process).
 * <p>
 * The child also gets {@code -XX:+UseTransparentHugePages} where Linux offers transparent huge pages and the
 * user's options do not decide about large pages themselves: the heap then grows in 2 MB pages instead of 4 kB
 * ones, and the first job after a large upload no longer pays thousands of page faults (tens of milliseconds on
 * a virtual machine) for the heap it is the first to touch.
 * <p>
 * Not relaunched: a JVM that already has the module, a runtime image without it, a start other than
 * {@code -jar} (an IDE, {@code spring-boot:run}, tests, the Docker image's launcher), a JVM holding a
 * debugger's port, {@code -Dlrtune.kernels=scalar} (the plain path asked for), and the child itself.
 */
final class VectorModuleRelaunch {

	static final String MODULE = "jdk.incubator.vector";

	/** The child's heap in transparent huge pages (see the class comment). */
	static final String HUGE_PAGES = "-XX:+UseTransparentHugePages";

	/** Linux's setting for transparent huge pages: {@code always [madvise] never}, the chosen one in brackets. */
	static final Path HUGE_PAGES_SETTING = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");

	/** Set in the child's environment, so that it never relaunches again. */
	static final String CHILD_MARKER = "LRTUNE_RELAUNCHED";

	private VectorModuleRelaunch() {
	}

	/**
	 * Runs the jar in a child JVM when this one lacks the module and was started with {@code -jar}.
	 * @return the child's exit status, or empty when this JVM should start the application itself
	 */
	static OptionalInt runIfNeeded(String[] args) {
		Optional<List<String>> command = command(JvmStart.current(), args);
		if (command.isEmpty()) {
			return OptionalInt.empty();
		}
		try {
			return OptionalInt.of(runChild(command.get()));
		}
		catch (Exception ex) {
			// Starting the child failed (no java binary, no process permission): run here on the plain kernels.
			System.err.println("lrtune: could not restart with --add-modules=" + MODULE + " (" + ex
					+ "); the model kernels take their plain-Java path");
			return OptionalInt.empty();
		}
	}

	/** The child's command line, or empty when this JVM should not relaunch. */
	static Optional<List<String>> command(JvmStart start, String[] args) {
		if (start.moduleResolved() || !start.moduleInRuntime() || start.relaunched() || start.jarPath() == null
				|| "scalar".equals(start.kernelsProperty())
				|| start.jvmOptions().stream().anyMatch(VectorModuleRelaunch::holdsDebuggerPort)) {
			return Optional.empty();
		}
		List<String> command = new ArrayList<>();
		command.add(start.javaBinary());
		command.addAll(start.jvmOptions());
		command.add("--add-modules=" + MODULE);
		if (start.transparentHugePages() && start.jvmOptions().stream().noneMatch(VectorModuleRelaunch::decidesPages)) {
			command.add(HUGE_PAGES);
		}
		command.add("-jar");
		command.add(start.jarPath());
		command.addAll(List.of(args));
		return Optional.of(command);
	}

	private static boolean decidesPages(String option) {
		return option.contains("TransparentHugePages") || option.contains("LargePages");
	}

	private static boolean holdsDebuggerPort(String option) {
		return option.startsWith("-agentlib:jdwp") || option.startsWith("-Xrunjdwp");
	}

	private static int runChild(List<String> command) throws Exception {
		ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
		builder.environment().put(CHILD_MARKER, "1");
		Process child = builder.start();
		// A SIGTERM or Ctrl-C to this process reaches the child as SIGTERM: Spring's graceful shutdown runs there.
		Thread forward = new Thread(() -> {
			child.destroy();
			try {
				child.waitFor();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "lrtune-relaunch-shutdown");
		Runtime.getRuntime().addShutdownHook(forward);
		return child.waitFor();
	}

	/** What {@link #command} needs to know about the running JVM. */
	record JvmStart(boolean moduleResolved, boolean moduleInRuntime, boolean relaunched, String jarPath,
			String kernelsProperty, List<String> jvmOptions, String javaBinary, boolean transparentHugePages) {

		static JvmStart current() {
			return new JvmStart(ModuleLayer.boot().findModule(MODULE).isPresent(),
					ModuleFinder.ofSystem().find(MODULE).isPresent(), System.getenv(CHILD_MARKER) != null,
					startedJar(System.getProperty("sun.java.command", ""), System.getProperty("java.class.path", "")),
					System.getProperty("lrtune.kernels"), ManagementFactory.getRuntimeMXBean().getInputArguments(),
					Path.of(System.getProperty("java.home"), "bin", "java").toString(), hugePagesOffered());
		}

		static boolean hugePagesOffered() {
			try {
				return hugePagesOffered(Files.readString(HUGE_PAGES_SETTING));
			}
			catch (IOException ex) {
				return false; // not Linux, or a kernel without transparent huge pages
			}
		}

		/**
		 * Whether Linux's setting lets a process have transparent huge pages: {@code always} or {@code madvise}
		 * chosen; with {@code never} the JVM would only print a warning for the option.
		 */
		static boolean hugePagesOffered(String setting) {
			return setting.contains("[always]") || setting.contains("[madvise]");
		}

		/**
		 * The jar a {@code java -jar} start named: the JVM then reports the jar as its whole class path and as
		 * the first word of its command.
		 */
		static String startedJar(String javaCommand, String classPath) {
			boolean jarStart = classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)
					&& (javaCommand.equals(classPath) || javaCommand.startsWith(classPath + " "));
			return jarStart ? classPath : null;
		}
	}

}
