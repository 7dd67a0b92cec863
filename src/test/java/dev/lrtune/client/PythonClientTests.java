package dev.lrtune.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.lrtune.ServiceOverHttp;

/**
 * Runs the Python client's own test suite ({@code clients/python/tests}, standard-library {@code unittest}) against
 * this service over real HTTP, and fails when it fails. The suite runs as three Python processes side by side: the
 * README examples ({@code test_readme}, PyTorch training for most of the suite's time) in one, {@code test_run} (whose
 * killed client's job is left to fail when its lease passes, seconds of waiting) in another, every other module in the
 * third, so that the waits overlap the training. The lease of client-run jobs is short, so the test of a client
 * killed mid-run sees its job fail within seconds, and a study's worker told to ask again (204) is told to wait a
 * second rather than ten. Skipped when {@code /usr/bin/python3} is absent; the suite's PyTorch tests skip themselves
 * when {@code torch} is not installed.
 */
@ServiceOverHttp
class PythonClientTests {

	/** The lease of client-run jobs, short so that the suite's killed client's job fails within seconds. */
	static final int LEASE_SECONDS = ServiceOverHttp.CLIENT_RUN_LEASE_SECONDS;

	private static final Path PYTHON = Path.of("/usr/bin/python3");

	private static final Path SUITE = Path.of("clients", "python", "tests");

	/** The modules run each in a process of its own beside the others: the README examples, and the lease's wait. */
	private static final List<String> ALONE = List.of("test_readme", "test_run");

	private static final Path OUTPUT = Path.of("target", "python-client-tests.txt");

	@LocalServerPort
	private int port;

	@Test
	void thePythonClientsTestSuitePassesAgainstTheService() throws IOException, InterruptedException {
		assumeTrue(Files.isExecutable(PYTHON), PYTHON + " is absent: the Python client's tests are skipped");
		List<String> modules;
		// unittest discover's default pattern, test*.py
		try (Stream<Path> files = Files.list(SUITE)) {
			modules = files.map(file -> file.getFileName().toString())
				.filter(name -> name.startsWith("test") && name.endsWith(".py"))
				.map(name -> name.substring(0, name.length() - ".py".length()))
				.sorted()
				.toList();
		}
		assertThat(modules).as("the Python client's test modules in %s", SUITE)
			.containsAll(ALONE)
			.hasSizeGreaterThan(ALONE.size());
		Files.createDirectories(OUTPUT.getParent());
		Map<Path, Process> processes = new LinkedHashMap<>();
		for (String module : ALONE) {
			Path output = Path.of("target", "python-client-" + module + ".txt");
			processes.put(output, start(List.of(module), output));
		}
		processes.put(OUTPUT, start(modules.stream().filter(module -> !ALONE.contains(module)).toList(), OUTPUT));
		for (Map.Entry<Path, Process> process : processes.entrySet()) {
			assertPassed(process.getValue(), process.getKey());
		}
	}

	/** {@code python3 -m unittest -v} on these modules, in the suite's directory, its output going to {@code output}. */
	private Process start(List<String> modules, Path output) throws IOException {
		List<String> command = new ArrayList<>(List.of(PYTHON.toString(), "-m", "unittest", "-v"));
		command.addAll(modules);
		ProcessBuilder builder = new ProcessBuilder(command).directory(SUITE.toFile()).redirectErrorStream(true);
		builder.environment().put("LRTUNE_URL", "http://localhost:" + port);
		builder.environment().put("LRTUNE_LEASE_SECONDS", String.valueOf(LEASE_SECONDS));
		builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
		return builder.redirectOutput(output.toFile()).start();
	}

	private static void assertPassed(Process python, Path output) throws IOException, InterruptedException {
		boolean ended = python.waitFor(30, TimeUnit.MINUTES);
		if (!ended) {
			python.destroyForcibly().waitFor();
		}
		String text = Files.readString(output, StandardCharsets.UTF_8);
		System.out.println(text);
		assertThat(ended).as("the Python suite ended within 30 minutes; its output:%n%s", text).isTrue();
		assertThat(python.exitValue()).as("exit status of the Python suite; its output:%n%s", text).isZero();
	}

}
