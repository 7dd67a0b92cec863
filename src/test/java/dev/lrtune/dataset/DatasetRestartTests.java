package dev.lrtune.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.lrtune.LrtuneApplication;

/** The one-command setup: datasets live in the H2 file and are there after the application restarts. */
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

	private ConfigurableApplicationContext start() {
		// Arguments, not builder properties: those are defaults that application.properties overrides.
		return new SpringApplicationBuilder(LrtuneApplication.class).web(WebApplicationType.NONE)
			.run("--spring.datasource.url=jdbc:h2:file:" + directory.resolve("lrtune") + ";DB_CLOSE_ON_EXIT=FALSE",
					"--spring.main.banner-mode=off");
	}

}
