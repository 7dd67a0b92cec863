package dev.lrtune.job.queue;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import dev.lrtune.LrtuneApplication;

/**
 * The one-command setup as the restart tests start it, stop it and start it again: the whole application with one
 * worker, on a random port, on an H2 file database in a directory of the test's.
 */
final class H2FileApplication {

	private H2FileApplication() {
	}

	/** @param flushInterval 0 ms to store progress every 64 iterations, at a {@code WorkerGate}'s steps */
	static ConfigurableApplicationContext start(Path directory,
			ApplicationContextInitializer<ConfigurableApplicationContext> initializer, String flushInterval) {
		// arguments, not builder properties: those are defaults that application.properties overrides
		List<String> arguments = List.of("--spring.datasource.url=" + url(directory), "--server.port=0",
				"--lrtune.workers.threads=1", "--lrtune.curves.flush-interval=" + flushInterval,
				"--spring.main.banner-mode=off");
		return new SpringApplicationBuilder(LrtuneApplication.class).initializers(initializer)
			.run(arguments.toArray(String[]::new));
	}

	static String url(Path directory) {
		return "jdbc:h2:file:" + directory.resolve("lrtune") + ";DB_CLOSE_ON_EXIT=FALSE";
	}

}
