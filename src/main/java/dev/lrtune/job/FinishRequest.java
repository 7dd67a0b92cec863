package dev.lrtune.job;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;

/**
 * How a client ends its job; an absent body means {@code succeeded}.
 *
 * @param status {@code succeeded} or {@code failed}
 * @param error why it failed; only with {@code failed}
 */
@Schema(description = "How the client ends its job: succeeded (default) or failed with an error.")
record FinishRequest(@Schema(description = "How the run ended", allowableValues = { "succeeded", "failed" },
		defaultValue = "succeeded") String status,
		@Size(max = 4000) @Schema(description = "With failed: what went wrong (shown as the job's error)") String error) {
}
