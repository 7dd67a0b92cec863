package dev.lrtune;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration metadata the build writes (spring-boot-configuration-processor): every {@code lrtune.*} setting
 * is described and has its default, so an IDE completes and documents it. A default computed at start-up (the
 * processors, the host name) cannot be a fixed value; its description says what it is.
 */
class SettingsMetadataTests {

	@Test
	void everyLrtuneSettingHasADescriptionAndItsDefault() throws IOException {
		List<JsonNode> settings = lrtuneSettings();

		assertThat(settings).as("lrtune.* settings in the metadata").hasSizeGreaterThan(30);
		List<String> undescribed = new ArrayList<>();
		List<String> withoutDefault = new ArrayList<>();
		for (JsonNode setting : settings) {
			String name = setting.get("name").asString();
			String description = setting.has("description") ? setting.get("description").asString() : "";
			if (description.isBlank()) {
				undescribed.add(name);
			}
			if (!setting.has("defaultValue") && !description.contains("default")) {
				withoutDefault.add(name);
			}
		}
		assertThat(undescribed).as("settings without a description").isEmpty();
		assertThat(withoutDefault).as("settings whose default is neither given nor described").isEmpty();
	}

	@Test
	void theSettingsOfEveryFeatureAreThere() throws IOException {
		List<String> names = lrtuneSettings().stream().map(setting -> setting.get("name").asString()).toList();

		assertThat(names).contains("lrtune.queue.max-queued", "lrtune.workers.threads", "lrtune.curves.flush-interval",
				"lrtune.studies.ask-retry-after", "lrtune.dataset-cache.max-size", "lrtune.security.api-keys",
				"lrtune.instance-id", "lrtune.warm-up.enabled");
	}

	private static List<JsonNode> lrtuneSettings() throws IOException {
		try (InputStream metadata = SettingsMetadataTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(metadata).as("META-INF/spring-configuration-metadata.json on the class path").isNotNull();
			JsonNode properties = JsonMapper.builder().build().readTree(metadata).get("properties");
			List<JsonNode> settings = new ArrayList<>();
			properties.forEach(property -> {
				if (property.get("name").asString().startsWith("lrtune.")) {
					settings.add(property);
				}
			});
			return settings;
		}
	}

}
