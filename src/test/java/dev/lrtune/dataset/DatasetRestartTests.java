package dev.lrtune.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.lrtune.LrtuneApplication;

/**
 * The one-command setup: datasets live in the H2 file and are there after the application restarts, and an upload
 * answers once its pages are written to the file (H2 would otherwise write them from a background thread later, while
 * the first job on the dataset runs).
 */
class DatasetRestartTests {

	@TempDir
	Path directory;

	@Test
	void anUploadedDatasetIsThereAfterARestartOnTheSameDatabaseFile() {
		byte[] csv = "x,colour,y\n1.5,red,0\n2.5,blue,1\n3.5,red,1\n".getBytes(StandardCharsets.UTF_8);
		long id;
		TrainingData before;
		try (ConfigurableApplicationContext app = start()) {
			DatasetCatalog catalog = app.getBean(DatasetCatalog.class);
			id = catalog.upload(new Upload("colours.csv", StandardCharsets.UTF_8, csv.length, new ByteArrayInputStream(csv)),
					UploadOptions.defaults("colours"))
				.id();
			before = catalog.load(id);
		}
		try (ConfigurableApplicationContext app = start()) {
			DatasetCatalog catalog = app.getBean(DatasetCatalog.class);
			TrainingData after = catalog.load(id);
			assertThat(after.features()).isEqualTo(before.features());
			assertThat(after.targets()).isEqualTo(before.targets());
			assertThat(after.featureNames()).containsExactly("x", "colour=blue", "colour=red");
			assertThat(catalog.get(id).name()).isEqualTo("colours");
		}
	}

	@Test
	void anAnsweredUploadLeavesNothingForH2ToWrite() {
		StringBuilder text = new StringBuilder("a,b,c,d,y\n");
		for (int row = 0; row < 20_000; row++) {
			text.append(row % 7).append(',').append(row % 11).append(',').append(row % 13).append(',').append(row % 17)
				.append(',').append(row % 3).append('\n');
		}
		byte[] csv = text.toString().getBytes(StandardCharsets.UTF_8);
		try (ConfigurableApplicationContext app = start("--lrtune.workers.enabled=false")) {
			JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
			jdbc.execute("CHECKPOINT"); // whatever the start left unwritten
			long before = writtenBytes(jdbc);

			app.getBean(DatasetCatalog.class)
				.upload(new Upload("rows.csv", StandardCharsets.UTF_8, csv.length, new ByteArrayInputStream(csv)),
						UploadOptions.defaults("rows"));
			long answered = writtenBytes(jdbc);
			jdbc.execute("CHECKPOINT");

			assertThat(answered - before).isGreaterThan(20_000L * 5 * Double.BYTES); // the matrix is in the file
			assertThat(writtenBytes(jdbc)).isEqualTo(answered); // and nothing was left to write
		}
	}

	/** What H2 has written to the database file since it opened it. */
	private static long writtenBytes(JdbcTemplate jdbc) {
		return Long.parseLong(jdbc.queryForObject(
				"SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'info.FILE_WRITE_BYTES'",
				String.class));
	}

	private ConfigurableApplicationContext start(String... more) {
		// Arguments, not builder properties: those are defaults that application.properties overrides.
		return new SpringApplicationBuilder(LrtuneApplication.class).web(WebApplicationType.NONE)
			.run(Stream.concat(Stream.of("--spring.datasource.url=jdbc:h2:file:" + directory.resolve("lrtune")
					+ ";DB_CLOSE_ON_EXIT=FALSE", "--spring.main.banner-mode=off"), Stream.of(more)).toArray(String[]::new));
	}

}
