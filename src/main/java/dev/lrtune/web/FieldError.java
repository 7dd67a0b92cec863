package dev.lrtune.web;

import io.swagger.v3.oas.annotations.media.Schema;

/** One rejected field of a request, in the {@code errors} list of a 400 problem detail. */
@Schema(description = "One rejected field.")
public record FieldError(
		@Schema(description = "Its path in the request body, e.g. schedule.then.tMax; empty for the body as a whole.",
				example = "schedule.maxLr") String field,
		@Schema(description = "What is wrong, in plain words.", example = "must be at least baseLr (0.1), was 0.01")
		String message) {

	/** A field path or message built from a client's input stays short however long that input was. */
	public FieldError {
		field = field == null ? "" : Echo.bound(field, Echo.MAX_VALUE);
		message = Echo.message(message);
	}

}
