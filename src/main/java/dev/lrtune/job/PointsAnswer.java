package dev.lrtune.job;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What lrtune tells the client after a post of points.
 *
 * @param reason why to stop; {@code null} while it goes on
 * @param lr the rate of the next iteration given everything posted (a {@code plateau} reacts to the posted validation
 *     losses); {@code null} once every iteration is stored
 * @param iteration the last stored iteration, −1 before any
 */
@Schema(description = "Whether the client should stop, and the rate of its next iteration.")
record PointsAnswer(@Schema(description = "Whether to stop training now") boolean stop,
		@Schema(description = "diverged (the range test's divergence rule fired, or a training loss was not finite), "
				+ "cancelled (the job was cancelled and has ended), pruned (a trial of a study stopped at a rung by "
				+ "successive halving; the job has ended), complete (every iteration is stored); null while it goes on",
				types = { "string", "null" }, allowableValues = { "diverged", "cancelled", "pruned", "complete" })
		String reason,
		@Schema(description = "The rate of the next iteration given all that was posted; null once every iteration "
				+ "is stored", types = { "number", "null" }, format = "double") Double lr,
		@Schema(description = "The last stored iteration; −1 before any", format = "int64") long iteration) {
}
