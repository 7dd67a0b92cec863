package dev.lrtune.job;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import dev.lrtune.job.store.Jobs;

/**
 * What the client of a client-run job posts: its points, and the end of the run. Its operations are listed under the
 * tag that {@link JobController} declares (declaring it here too would repeat it in the document).
 */
@RestController
@EnableConfigurationProperties(ClientRunSettings.class)
@RequestMapping("/api/v1/jobs/{id}")
class ClientRunController {

	private static final String JOB_ID = "The id of a client-run job, as returned by POST /api/v1/jobs";

	private final ClientRuns clientRuns;

	private final ClientRunSettings settings;

	ClientRunController(ClientRuns clientRuns, ClientRunSettings settings) {
		this.clientRuns = clientRuns;
		this.settings = settings;
	}

	@PostMapping("/points")
	@Operation(operationId = "postPoints", tags = "Jobs", summary = "Post points of a client-run job and learn whether to stop",
			description = "Points as columns (iteration, lr, loss, optional momentum and validation): consecutive "
					+ "iterations within [0, iterations), at most lrtune.client-runs.max-points-per-post per post, "
					+ "continuing the stored curve without a gap. An iteration posted again replaces the stored one, so "
					+ "a retried post never duplicates points. Each post renews the job's lease. The answer says whether "
					+ "to stop (diverged, cancelled, complete) and the rate of the next iteration, which a plateau "
					+ "schedule decides from the posted validation losses. A bad post is refused whole.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = "application/json", schema = @Schema(implementation = PointsRequest.class),
							examples = {
									@ExampleObject(name = "points", summary = "three iterations; the third loss was not finite",
											value = JobExamples.POINTS),
									@ExampleObject(name = "points_with_validation", summary = "two iterations and an evaluation after the second",
											value = JobExamples.POINTS_WITH_VALIDATION) })))
	@ApiResponse(responseCode = "200", description = "Stored; whether to stop and the next rate")
	@ApiResponse(responseCode = "409", description = "The job is not running (finished, cancelled, or failed when its "
			+ "client stopped reporting), or is run by lrtune's workers")
	PointsAnswer points(@Parameter(description = JOB_ID) @PathVariable long id,
			@Valid @RequestBody PointsRequest points) {
		return clientRuns.post(id, PostedPoints.of(points, settings.maxPointsPerPost()));
	}

	@PostMapping("/finish")
	@Operation(operationId = "finishJob", tags = "Jobs", summary = "End a client-run job",
			description = "Without a body, or with {\"status\": \"succeeded\"}: the job succeeds (a range test gets "
					+ "its recommendation from its curve; a training job with a non-finite loss ends diverged). With "
					+ "{\"status\": \"failed\", \"error\": \"…\"} it fails with that error. A job cancelled "
					+ "meanwhile ends cancelled.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false,
					content = @Content(mediaType = "application/json", schema = @Schema(implementation = FinishRequest.class),
							examples = {
									@ExampleObject(name = "succeeded", summary = "the run went through", value = "{}"),
									@ExampleObject(name = "failed", summary = "the client's training raised an error",
											value = "{\"status\": \"failed\", \"error\": \"CUDA out of memory\"}") })))
	@ApiResponse(responseCode = "200", description = "The job as it ended")
	@ApiResponse(responseCode = "409", description = "The job is not running, or is run by lrtune's workers")
	Job finish(@Parameter(description = JOB_ID) @PathVariable long id,
			@Valid @RequestBody(required = false) FinishRequest finish) {
		return clientRuns.finish(id, finish);
	}

}
