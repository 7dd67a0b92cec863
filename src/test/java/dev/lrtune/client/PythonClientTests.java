package dev.lrtune.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Runs the Python client's own test suite ({@code clients/python/tests}, standard-library {@code unittest}) against
 * this service over real HTTP, and fails when it fails. The lease of client-run jobs is short, so the test of a
 * client killed mid-run sees its job fail within seconds. Skipped when {@code /usr/bin/python3} is absent; the
 * suite's PyTorch tests skip themselves when {@code torch} is not installed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:python-client;DB_CLOSE_DELAY=-1", "lrtune.workers.threads=1",
		"lrtune.curves.flush-interval=50ms", "lrtune.client-runs.lease=" + PythonClientTests.LEASE_SECONDS + "s",
		"lrtune.client-runs.lease-check-interval=200ms" })
class PythonClientTests {

	/** The lease of client-run jobs, short so that the suite's killed client's job fails within seconds. */
	static final int LEASE_SECONDS = 4;

	private static final Path PYTHON = Path.of("/usr/bin/python3");

	private static final Path SUITE = Path.of("clients", "python", "tests");

	private static final Path OUTPUT = Path.of("target", "python-client-tests.txt");

	@LocalServerPort
	private int port;

	@Test
	void thePythonClientsTestSuitePassesAgainstTheService() throws IOException, InterruptedException {
		assumeTrue(Files.isExecutable(PYTHON), PYTHON + " is absent: the Python client's tests are skipped");
		ProcessBuilder builder = new ProcessBuilder(PYTHON.toString(), "-m", "unittest", "discover", "-s",
				SUITE.toString(), "-v").redirectErrorStream(true);
		builder.environment().put("LRTUNE_URL", "http://localhost:" + port);
		builder.environment().put("LRTUNE_LEASE_SECONDS", String.valueOf(LEASE_SECONDS));
		builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
		Files.createDirectories(OUTPUT.getParent());
		Process python = builder.redirectOutput(OUTPUT.toFile()).start();
		boolean ended = python.waitFor(30, TimeUnit.MINUTES);
		if (!ended) {
			python.destroyForcibly().waitFor();
		}
		String output = Files.readString(OUTPUT, StandardCharsets.UTF_8);
		System.out.println(output);
		assertThat(ended).as("the Python suite ended within 30 minutes; its output:%n%s", output).isTrue();
		assertThat(python.exitValue()).as("exit status of the Python suite; its output:%n%s", output).isZero();
	}

}
