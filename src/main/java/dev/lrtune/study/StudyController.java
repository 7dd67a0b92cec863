package dev.lrtune.study;

import java.net.URI;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

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

@RestController
@EnableConfigurationProperties(StudySettings.class)
@RequestMapping("/api/v1/studies")
@Tag(name = "Studies", description = "Candidate schedules trained against each other by successive halving, by "
		+ "lrtune's workers or by clients that ask for trials (ask and tell); the winner's schedule ready to train with.")
class StudyController {

	static final int MAX_PAGE_SIZE = 1000;

	private static final String STUDY_ID = "The study's id, as returned by POST /api/v1/studies";

	private final StudyManagement management;

	private final StudySettings settings;

	StudyController(StudyManagement management, StudySettings settings) {
		this.management = management;
		this.settings = settings;
	}

	@PostMapping
	@Operation(operationId = "submitStudy", summary = "Start a study: compare schedules by successive halving",
			description = "Without candidates, a range test runs first and eight candidates (one per schedule family) "
					+ "are sized from it. Every trial is a training job (studyId set); poll GET /api/v1/studies/{id}. "
					+ "With runner client the client trains the trials: no dataset or model; candidates, or a finished "
					+ "range test (rangeTestJobId) to size the eight from; clients then ask for trials with POST "
					+ "/api/v1/studies/{id}/ask.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = "application/json", schema = @Schema(implementation = StudyRequest.class),
							examples = {
									@ExampleObject(name = "generated", summary = "candidates generated from a range test",
											value = StudyExamples.GENERATED),
									@ExampleObject(name = "candidates", summary = "four given schedules, eta 2",
											value = StudyExamples.CANDIDATES),
									@ExampleObject(name = "client", summary = "trials run by the client, three given schedules",
											value = StudyExamples.CLIENT) })))
	@ApiResponse(responseCode = "202", description = "Started; the study's URL in Location",
			headers = @Header(name = "Location", description = "/api/v1/studies/{id}", schema = @Schema(type = "string")))
	@ApiResponse(responseCode = "201", description = "A client-run study, created running and waiting for clients to "
			+ "ask for its trials; its URL in Location",
			headers = @Header(name = "Location", description = "/api/v1/studies/{id}", schema = @Schema(type = "string")))
	@ApiResponse(responseCode = "429", description = "The job queue is full; retry after Retry-After seconds",
			headers = @Header(name = "Retry-After", description = "Seconds to wait", schema = @Schema(type = "integer")))
	ResponseEntity<Study> submit(@Valid @RequestBody StudyRequest request) {
		Study study = management.submit(request);
		URI location = URI.create("/api/v1/studies/" + study.id());
		return (request.clientRun() ? ResponseEntity.created(location) : ResponseEntity.accepted().location(location))
			.body(study);
	}

	@GetMapping
	@Operation(operationId = "listStudies", summary = "Studies, newest first",
			description = "One page of studies, each as GET /api/v1/studies/{id} shows it, with the total count and "
					+ "the number of pages of that size.")
	StudyPage list(@Parameter(description = "Page number, from 0") @RequestParam(defaultValue = "0") @Min(0) int page,
			@Parameter(description = "Studies per page") @RequestParam(defaultValue = "20") @Min(1) @Max(MAX_PAGE_SIZE)
			int size) {
		return management.list(page, size);
	}

	@GetMapping("/{id}")
	@Operation(operationId = "getStudy", summary = "A study: status, range test, trials ranked best first, and the best "
			+ "schedule", description = "The request with every default resolved, the learning-rate search that sized the "
					+ "candidates, the rungs, one trial per candidate (its jobs, the furthest rung it entered, its "
					+ "validation loss, whether it was pruned) ranked best first, and the winner once the study has "
					+ "succeeded.")
	Study get(@Parameter(description = STUDY_ID) @PathVariable long id) {
		return management.get(id);
	}

	@PostMapping("/{id}/ask")
	@Operation(operationId = "askTrial", summary = "Ask a client-run study for a trial to train",
			description = "Hands out the next trial no client has had yet, as a client-run training job (running at "
					+ "once): train it with its schedule for its iterations, post the points to "
					+ "/api/v1/jobs/{jobId}/points with validation losses, and finish it. A validation loss posted once "
					+ "a rung's iterations are trained is judged by asynchronous successive halving: the answer says stop "
					+ "with reason pruned when the trial ranks outside the best 1/eta of the trials at that rung so far. "
					+ "Several clients may ask at once; each trial goes to one of them.")
	@ApiResponse(responseCode = "200", description = "A trial to train; its job's URL in Location",
			headers = @Header(name = "Location", description = "/api/v1/jobs/{jobId}", schema = @Schema(type = "string")))
	@ApiResponse(responseCode = "204", description = "Every remaining trial is in flight: ask again after Retry-After "
			+ "seconds (one may fail and be done, or the study end)",
			headers = @Header(name = "Retry-After", description = "Seconds to wait", schema = @Schema(type = "integer")))
	@ApiResponse(responseCode = "409", description = "The study has ended, or its trials are run by lrtune's workers")
	ResponseEntity<StudyTrial> ask(@Parameter(description = STUDY_ID) @PathVariable long id) {
		return management.ask(id)
			.map(trial -> ResponseEntity.ok().location(URI.create("/api/v1/jobs/" + trial.jobId())).body(trial))
			.orElseGet(() -> ResponseEntity.noContent()
				.header(HttpHeaders.RETRY_AFTER, String.valueOf(settings.askRetryAfterSeconds()))
				.build());
	}

	@PostMapping("/{id}/cancel")
	@Operation(operationId = "cancelStudy", summary = "Cancel a study and every trial still queued or running",
			description = "The study ends cancelled; trials that had ended keep their results and curves.")
	@ApiResponse(responseCode = "200", description = "The study, cancelled")
	@ApiResponse(responseCode = "409", description = "The study has already ended")
	Study cancel(@Parameter(description = STUDY_ID) @PathVariable long id) {
		return management.cancel(id);
	}

}
