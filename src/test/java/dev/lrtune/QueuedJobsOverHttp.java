package dev.lrtune;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole service over real HTTP on an in-memory H2 database, with the default limits and the worker pool off: a job
 * stays queued until the test claims and runs it itself (its curve flushed at every check), or for as long as the test
 * needs it queued. {@code file:} datasets come from {@link DataDirectory#PATH}. Tomcat reads the rest of a refused
 * body however long it is ({@code server.tomcat.max-swallow-size=-1}) instead of closing the connection after 2 MB, so
 * that a client that reads the answer only after sending a body of 11 MB sees the 413 rather than a reset connection.
 * Every test class annotated so shares one Spring context and its database: each claims right after it submitted,
 * only what it submitted, and leaves no job queued, since a claim takes the oldest queued job.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:queued-jobs-over-http;DB_CLOSE_DELAY=-1", "lrtune.workers.enabled=false",
		"lrtune.curves.flush-interval=0ms", "server.tomcat.max-swallow-size=-1" })
@ContextConfiguration(initializers = QueuedJobsOverHttp.DataDirectory.class)
public @interface QueuedJobsOverHttp {

	/**
	 * {@code lrtune.datasets.data-dir}: a directory of the JVM's own holding {@code tables/signs.csv}, two classes split
	 * by the sign of x + y; a class may add files of its own under a subdirectory named after it.
	 */
	final class DataDirectory implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		public static final Path PATH = create();

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			TestPropertyValues.of("lrtune.datasets.data-dir=" + PATH).applyTo(context);
		}

		private static Path create() {
			try {
				Path directory = Files.createTempDirectory("lrtune-files");
				Files.createDirectories(directory.resolve("tables"));
				StringBuilder csv = new StringBuilder("x,y,label\n");
				for (int i = 0; i < 200; i++) {
					double x = Math.sin(i * 1.3) * 3;
					double y = Math.cos(i * 0.7) * 3;
					csv.append(x).append(',').append(y).append(',').append(x + y > 0 ? "yes" : "no").append('\n');
				}
				Files.writeString(directory.resolve("tables/signs.csv"), csv);
				return directory;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
