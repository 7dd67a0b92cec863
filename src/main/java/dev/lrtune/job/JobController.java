package dev.lrtune.job;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.lrtune.core.rangetest.Recommendation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import dev.lrtune.job.store.Jobs;
import dev.lrtune.job.store.Runner;

@RestController
@RequestMapping("/api/v1/jobs")
@Tag(name = "Jobs", description = "Training, range-test and learning-rate search jobs, their curves and "
		+ "recommendations.")
class JobController {

	static final int MAX_PAGE_SIZE = 1000;

	private static final String JOB_ID = "The job's id, as returned by POST /api/v1/jobs";

	private static final String WAIT = "Seconds to wait for the job's end (decimals allowed): the answer comes as soon "
			+ "as the job has succeeded, failed, been cancelled or diverged, or when this many seconds have passed, and "
			+ "is what the request without wait would answer at that moment. More than 0, at most lrtune.jobs.max-wait "
			+ "(60 by default); an unknown job is a 404 at once.";

	private final JobManagement management;

	private final ClientRuns clientRuns;

	private final JobWaits waits;

	JobController(JobManagement management, ClientRuns clientRuns, JobWaits waits) {
		this.management = management;
		this.clientRuns = clientRuns;
		this.waits = waits;
	}

	@PostMapping
	@Operation(operationId = "submitJob", summary = "Queue a training, range-test or learning-rate search job, or create one the client runs",
			description = "Answers 202 with the job (every default resolved, the seed included) and its URL in "
					+ "Location; poll GET /api/v1/jobs/{id} for status and progress. With \"runner\": \"client\" the "
					+ "client trains its own model: the job is created running (201) with its lrPlan, and the client "
					+ "posts its points to /api/v1/jobs/{id}/points and ends it with /api/v1/jobs/{id}/finish.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = "application/json", schema = @Schema(implementation = JobRequest.class),
							examples = {
									@ExampleObject(name = "training_cyclic", summary = "training: an MLP on moons, SGD with momentum, cyclic lr",
											value = JobExamples.TRAINING_CYCLIC),
									@ExampleObject(name = "training_one_cycle", summary = "training: softmax on 3 blobs, Adam, one-cycle, fixed seed",
											value = JobExamples.TRAINING_ONE_CYCLE),
									@ExampleObject(name = "training_plateau", summary = "training: warm-up into reduce-on-plateau, Nesterov and weight decay",
											value = JobExamples.TRAINING_PLATEAU),
									@ExampleObject(name = "range_test", summary = "range_test: logistic on moons, 1e-5 to 100 over 300 steps, 3 repeats",
											value = JobExamples.RANGE_TEST),
									@ExampleObject(name = "range_test_defaults", summary = "range_test: the defaults (fastai's lr_find, 1e-7 to 10, over 300 steps)",
											value = JobExamples.RANGE_TEST_DEFAULTS),
									@ExampleObject(name = "client_range_test", summary = "client-run range_test: the client's own model, 1e-7 to 10 over 100 steps",
											value = JobExamples.CLIENT_RANGE_TEST),
									@ExampleObject(name = "client_training", summary = "client-run training: 5000 iterations under reduce-on-plateau, tagged",
											value = JobExamples.CLIENT_TRAINING),
									@ExampleObject(name = "lr_search", summary = "lr_search: the constant rate for 1000 iterations of an MLP on moons, SGD with momentum",
											value = JobExamples.LR_SEARCH) })))
	@ApiResponse(responseCode = "201", description = "A client-run job, created running; its URL in Location",
			headers = @Header(name = "Location", description = "/api/v1/jobs/{id}", schema = @Schema(type = "string")))
	@ApiResponse(responseCode = "202", description = "Queued; the job's URL in Location",
			headers = @Header(name = "Location", description = "/api/v1/jobs/{id}", schema = @Schema(type = "string")))
	@ApiResponse(responseCode = "429", description = "The queue holds lrtune.queue.max-queued jobs; retry after Retry-After seconds",
			headers = @Header(name = "Retry-After", description = "Seconds to wait", schema = @Schema(type = "integer")))
	ResponseEntity<Job> submit(@Valid @RequestBody JobRequest request) {
		if (request.jobRunner() == Runner.CLIENT) {
			Job job = clientRuns.create(request);
			return ResponseEntity.created(URI.create("/api/v1/jobs/" + job.id())).body(job);
		}
		Job job = management.submit(request);
		return ResponseEntity.accepted().location(URI.create("/api/v1/jobs/" + job.id())).body(job);
	}

	@GetMapping
	@Operation(operationId = "listJobs", summary = "Jobs, newest first, optionally of one status, type, study, runner, "
			+ "name and tags", description = "Items leave out lrPlan (GET the job for it).")
	JobPage list(
			@Parameter(description = "Only jobs with this status", schema = @Schema(allowableValues = { "queued",
					"running", "succeeded", "failed", "cancelled", "diverged" })) @RequestParam(required = false) String status,
			@Parameter(description = "Only jobs of this type", schema = @Schema(allowableValues = { "range_test",
					"training", "lr_search" })) @RequestParam(required = false) String type,
			@Parameter(description = "Only the jobs of this study (its range test and trials)") @RequestParam(required = false) Long studyId,
			@Parameter(description = "Only the jobs of this runner", schema = @Schema(allowableValues = { "server",
					"client" })) @RequestParam(required = false) String runner,
			@Parameter(description = "Only the jobs whose name contains this, ignoring case") @RequestParam(required = false) String name,
			@Parameter(description = "Only the jobs with this tag, as key:value; repeat it for several tags (all must match)")
			@RequestParam(required = false) List<String> tag,
			@Parameter(description = "Page number, from 0") @RequestParam(defaultValue = "0") @Min(0) int page,
			@Parameter(description = "Jobs per page") @RequestParam(defaultValue = "20") @Min(1) @Max(MAX_PAGE_SIZE) int size) {
		return management.list(status, type, studyId, runner, name, tag, page, size);
	}

	/**
	 * Serialised once per change of the job, not per read (see {@link JobViews}). With {@code wait}, held without a
	 * request thread until the job ends or the wait does (see {@link JobWaits}).
	 */
	@GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "getJob", summary = "A job with its status, progress (iterations, fraction, ETA), echoed "
			+ "request and result", description = "With wait, the server holds the request until the job has ended "
					+ "or wait seconds have passed, rather than the client polling.")
	@ApiResponse(responseCode = "200", description = "The job", content = @Content(
			mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = Job.class)))
	Object get(@Parameter(description = JOB_ID) @PathVariable long id,
			@Parameter(description = WAIT, schema = @Schema(type = "number", format = "double"))
			@RequestParam(required = false) @Positive Double wait) {
		if (wait == null) {
			return management.json(id);
		}
		return waits.await(id, wait, () -> {
			JobViews.View view = management.jobView(id);
			return new JobWaits.Outcome<>(view.json(), JobStatus.of(view.job().status()).isTerminal());
		});
	}

	@PostMapping("/{id}/cancel")
	@Operation(operationId = "cancelJob", summary = "Cancel a job", description = "A queued job is cancelled at once; "
			+ "a running one stops within one flush of its curve and keeps the curve so far.")
	@ApiResponse(responseCode = "200", description = "The job, cancelled or flagged to stop")
	@ApiResponse(responseCode = "409", description = "The job has already finished")
	Job cancel(@Parameter(description = JOB_ID) @PathVariable long id) {
		Job job = management.cancel(id);
		waits.changed(id); // a queued job is cancelled now, and no worker will say so
		return job;
	}

	@GetMapping("/{id}/recommendation")
	@Operation(operationId = "getRecommendation", summary = "A finished range test's suggested learning rates, or an "
			+ "lr_search's measured rate with its evidence", description = "With wait, the server holds the request "
					+ "until the job has ended or wait seconds have passed, then answers as without wait: a client asks "
					+ "once right after submitting instead of polling.")
	@ApiResponse(responseCode = "200", description = "range_test: the aggregate suggestions over the test's repeats; "
			+ "lr_search: the measured rate (method search), the race's evidence and the range test's suggestions",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(
					oneOf = { Recommendation.class, SearchRecommendation.class })))
	@ApiResponse(responseCode = "409", description = "A training job, a range test that has not run, or an lr_search "
			+ "that has not succeeded (with wait: one whose end did not come within it)")
	Object recommendation(@Parameter(description = JOB_ID) @PathVariable long id,
			@Parameter(description = WAIT + " A training job's 409 is answered at once.",
					schema = @Schema(type = "number", format = "double"))
			@RequestParam(required = false) @Positive Double wait) {
		if (wait == null) {
			return recommendationEntity(management.recommendationAnswer(id));
		}
		return waits.await(id, wait, () -> {
			JobManagement.RecommendationAnswer answer = management.recommendationAnswer(id);
			return new JobWaits.Outcome<>(recommendationEntity(answer), answer.settled());
		});
	}

	private static ResponseEntity<Object> recommendationEntity(JobManagement.RecommendationAnswer answer) {
		if (answer.conflict() != null) {
			// returned, not thrown: the same problem, without an exception's resolution on every poll of a running job
			return ResponseEntity.status(HttpStatus.CONFLICT).body(answer.conflict());
		}
		return ResponseEntity.ok(answer.recommendation());
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(operationId = "deleteJob", summary = "Delete a finished job and its curve",
			description = "Only a job that has ended (succeeded, failed or cancelled) can be deleted; cancel a queued "
					+ "or running one first.")
	@ApiResponse(responseCode = "204", description = "Deleted")
	@ApiResponse(responseCode = "409", description = "The job is queued or running: cancel it first")
	void delete(@Parameter(description = JOB_ID) @PathVariable long id) {
		management.delete(id);
	}

}
