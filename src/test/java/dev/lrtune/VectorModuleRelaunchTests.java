package dev.lrtune;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lrtune.VectorModuleRelaunch.JvmStart;

class VectorModuleRelaunchTests {

	private static final String JAR = "/opt/lrtune/lrtune-0.1.0.jar";

	private static JvmStart jarStart(List<String> jvmOptions) {
		return new JvmStart(false, true, false, JAR, null, jvmOptions, "/jdk/bin/java", false);
	}

	@Test
	void jarStartWithoutTheModuleRunsTheSameJarWithItKeepingOptionsAndArguments() {
		assertThat(VectorModuleRelaunch.command(jarStart(List.of("-Xmx2g", "-Dx=y")),
				new String[] { "--server.port=9000", "a b" }))
			.contains(List.of("/jdk/bin/java", "-Xmx2g", "-Dx=y", "--add-modules=jdk.incubator.vector", "-jar", JAR,
					"--server.port=9000", "a b"));
	}

	@Test
	void theChildGetsTransparentHugePagesWhereLinuxOffersThemAndTheUserHasNotDecided() {
		String[] args = {};
		JvmStart offered = new JvmStart(false, true, false, JAR, null, List.of("-Xmx2g"), "java", true);
		assertThat(VectorModuleRelaunch.command(offered, args)).contains(List.of("java", "-Xmx2g",
				"--add-modules=jdk.incubator.vector", "-XX:+UseTransparentHugePages", "-jar", JAR));
		for (String decided : List.of("-XX:-UseTransparentHugePages", "-XX:+UseLargePages")) {
			JvmStart start = new JvmStart(false, true, false, JAR, null, List.of(decided), "java", true);
			assertThat(VectorModuleRelaunch.command(start, args)).as(decided)
				.contains(List.of("java", decided, "--add-modules=jdk.incubator.vector", "-jar", JAR));
		}
	}

	@Test
	void readsWhetherLinuxOffersTransparentHugePages() {
		assertThat(JvmStart.hugePagesOffered("always [madvise] never\n")).isTrue();
		assertThat(JvmStart.hugePagesOffered("[always] madvise never\n")).isTrue();
		assertThat(JvmStart.hugePagesOffered("always madvise [never]\n")).isFalse();
		assertThat(JvmStart.hugePagesOffered("")).isFalse();
	}

	@Test
	void noRelaunchWhenItCannotOrNeedNotHelp() {
		String[] args = {};
		assertThat(VectorModuleRelaunch.command(new JvmStart(true, true, false, JAR, null, List.of(), "java", false), args))
			.as("module already resolved").isEmpty();
		assertThat(VectorModuleRelaunch.command(new JvmStart(false, false, false, JAR, null, List.of(), "java", false), args))
			.as("runtime image without the module").isEmpty();
		assertThat(VectorModuleRelaunch.command(new JvmStart(false, true, true, JAR, null, List.of(), "java", false), args))
			.as("the child itself").isEmpty();
		assertThat(VectorModuleRelaunch.command(new JvmStart(false, true, false, null, null, List.of(), "java", false), args))
			.as("not a -jar start").isEmpty();
		assertThat(VectorModuleRelaunch.command(new JvmStart(false, true, false, JAR, "scalar", List.of(), "java", false), args))
			.as("plain kernels asked for").isEmpty();
		assertThat(VectorModuleRelaunch.command(
				jarStart(List.of("-agentlib:jdwp=transport=dt_socket,server=y,address=5005")), args))
			.as("a debugger's port is held by this JVM").isEmpty();
	}

	@Test
	void recognisesAJarStartFromTheCommandAndClassPath() {
		assertThat(JvmStart.startedJar("target/lrtune.jar --server.port=1", "target/lrtune.jar"))
			.isEqualTo("target/lrtune.jar");
		assertThat(JvmStart.startedJar("my dir/lrtune.jar", "my dir/lrtune.jar")).isEqualTo("my dir/lrtune.jar");
		assertThat(JvmStart.startedJar("org.springframework.boot.loader.launch.JarLauncher", "target/lrtune.jar"))
			.as("-cp jar with a main class").isNull();
		assertThat(JvmStart.startedJar("dev.lrtune.LrtuneApplication", "target/classes")).isNull();
		assertThat(JvmStart.startedJar("a.jar", "a.jar" + java.io.File.pathSeparator + "b.jar")).isNull();
	}

	@Test
	void aJavaDashJarStartGetsTheModuleAndItsExitStatusComesBack(@TempDir Path dir) throws Exception {
		Path jar = probeJar(dir);
		Result plain = run(List.of("-jar", jar.toString(), "3", "x y"));
		assertThat(plain.exitStatus()).isEqualTo(3);
		assertThat(plain.output()).contains("module resolved: true, huge pages: " + JvmStart.hugePagesOffered()
				+ ", args: 3 x y");

		Result scalar = run(List.of("-Dlrtune.kernels=scalar", "-jar", jar.toString(), "4"));
		assertThat(scalar.exitStatus()).isEqualTo(4);
		assertThat(scalar.output()).contains("module resolved: false, huge pages: false, args: 4");
	}

	/** A jar whose main is the probe, reading the compiled classes through its manifest's class path. */
	private static Path probeJar(Path dir) throws IOException {
		Manifest manifest = new Manifest();
		Attributes attributes = manifest.getMainAttributes();
		attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
		attributes.put(Attributes.Name.MAIN_CLASS, RelaunchProbe.class.getName());
		List<String> classPath = new ArrayList<>();
		for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
			classPath.add(Path.of(entry).toUri().toString());
		}
		attributes.put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
		Path jar = dir.resolve("probe.jar");
		try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
			// the manifest is the whole jar
		}
		return jar;
	}

	private static Result run(List<String> javaArgs) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(javaArgs);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().remove(VectorModuleRelaunch.CHILD_MARKER);
		builder.environment().remove("JDK_JAVA_OPTIONS");
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return new Result(process.exitValue(), output);
	}

	private record Result(int exitStatus, String output) {
	}

}
