package dev.lrtune.schedule;

import java.util.Arrays;
import java.util.stream.Stream;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The JSON mapper configured like the application's, and the documented example of every spec record. */
final class Examples {

	/** Like the application: unknown properties are an error. */
	static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private Examples() {
	}

	/** Every spec record (the permitted subclasses of the sealed {@link ScheduleSpec}). */
	@SuppressWarnings("unchecked")
	static Stream<Class<? extends ScheduleSpec>> specClasses() {
		return Arrays.stream(ScheduleSpec.class.getPermittedSubclasses()).map(c -> (Class<? extends ScheduleSpec>) c);
	}

	/** The {@code @Schema(example)} of a spec record. */
	static String exampleOf(Class<? extends ScheduleSpec> spec) {
		return spec.getAnnotation(Schema.class).example();
	}

	static ScheduleSpec read(String json) {
		return MAPPER.readValue(json, ScheduleSpec.class);
	}

}
