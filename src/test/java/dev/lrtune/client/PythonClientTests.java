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
		"lrtune.curves.flush-interval=50ms", "lrtune.client-runs.lease=4s",
		"lrtune.client-runs.lease-check-interval=200ms" })
class PythonClientTests {

	private static final Path PYTHON = Path.of("/usr/bin/python3");

	private static final Path SUITE = Path.of("clients", "python", "tests");

	@LocalServerPort
	private int port;

	@Test
	void thePythonClientsTestSuitePassesAgainstTheService() throws IOException, InterruptedException {
		assumeTrue(Files.isExecutable(PYTHON), PYTHON + " is absent: the Python client's tests are skipped");
		ProcessBuilder builder = new ProcessBuilder(PYTHON.toString(), "-m", "unittest", "discover", "-s",
				SUITE.toString(), "-v").redirectErrorStream(true);
		builder.environment().put("LRTUNE_URL", "http://localhost:" + port);
		builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
		Process python = builder.start();
		String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		boolean ended = python.waitFor(30, TimeUnit.MINUTES);
		System.out.println(output);
		assertThat(ended).as("the Python suite ended").isTrue();
		assertThat(python.exitValue()).as("exit status of the Python suite; its output:%n%s", output).isZero();
	}

}
