package dev.lrtune.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class InterruptedUploadSettingsTests {

	@Test
	void defaultsToAnHourOldEveryFifteenMinutes() {
		InterruptedUploadSettings settings = bind(Map.of());

		assertThat(settings.maxAge()).isEqualTo(Duration.ofHours(1));
		assertThat(settings.checkInterval()).isEqualTo(Duration.ofMinutes(15));
	}

	@Test
	void bindsDurationsWrittenAsAUserWouldWriteThem() {
		InterruptedUploadSettings settings = bind(Map.of("lrtune.datasets.interrupted-uploads.max-age", "3h",
				"lrtune.datasets.interrupted-uploads.check-interval", "PT90S"));

		assertThat(settings.maxAge()).isEqualTo(Duration.ofHours(3));
		assertThat(settings.checkInterval()).isEqualTo(Duration.ofSeconds(90));
	}

	@Test
	void refusesAnAgeShortEnoughToTakeAnUploadInProgressForAnInterruptedOne() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new InterruptedUploadSettings(Duration.ofSeconds(59), Duration.ofMinutes(15)))
			.withMessageContaining("max-age");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new InterruptedUploadSettings(Duration.ofHours(1), Duration.ZERO))
			.withMessageContaining("check-interval");
	}

	private static InterruptedUploadSettings bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties))
			.bindOrCreate("lrtune.datasets.interrupted-uploads", InterruptedUploadSettings.class);
	}

}
