package dev.lrtune.schedule;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** One schedule type as {@code GET /api/v1/schedules} describes it. */
@Schema(description = "A schedule type: what it does, its formula, its parameters and a working example.")
public record ScheduleType(
		@Schema(description = "The `type` to write in a schedule, e.g. cosine_restarts.") String type,
		@Schema(description = "What the schedule does, and whose schedule it follows.") String description,
		@Schema(description = "The rate at step k (counting from 0), as text.") String formula,
		@Schema(description = "Every field of the schedule besides `type`.") List<Parameter> parameters,
		@Schema(description = "A schedule of this type that can be used as it is.") ScheduleSpec example) {

	/** One field of a schedule. */
	@Schema(name = "ScheduleParameter", description = "One field of a schedule.")
	public record Parameter(
			@Schema(description = "The JSON field name.") String name,
			@Schema(description = "number, integer, boolean, string, integer[], number[], schedule or schedule[].")
			String type,
			@Schema(description = "Whether the field must be given.") boolean required,
			@Schema(description = "The value used when the field is absent; null when required or derived.")
			@JsonProperty("default") Object defaultValue,
			@Schema(description = "What the field means and its range.") String description,
			@Schema(description = "For string options, the accepted values; otherwise null.")
			List<String> allowedValues) {
	}

}
