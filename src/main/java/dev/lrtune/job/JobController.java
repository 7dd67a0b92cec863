package dev.lrtune.job;

import java.net.URI;

import org.springframework.http.HttpStatus;
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
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

@RestController
@RequestMapping("/api/v1/jobs")
@Tag(name = "Jobs", description = "Training and range-test jobs, their curves and recommendations.")
class JobController {

	static final int MAX_PAGE_SIZE = 1000;

	private final JobManagement management;

	JobController(JobManagement management) {
		this.management = management;
	}

	@PostMapping
	@Operation(summary = "Queue a training or range-test job", description = "Answers 202 with the job and its Location; "
			+ "429 with Retry-After when the queue is full.")
	ResponseEntity<Job> submit(@Valid @RequestBody JobRequest request) {
		Job job = management.submit(request);
		return ResponseEntity.accepted().location(URI.create("/api/v1/jobs/" + job.id())).body(job);
	}

	@GetMapping
	@Operation(summary = "Jobs, newest first, optionally of one status and type")
	JobPage list(@RequestParam(required = false) String status, @RequestParam(required = false) String type,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(MAX_PAGE_SIZE) int size) {
		return management.list(status, type, page, size);
	}

	@GetMapping("/{id}")
	@Operation(summary = "A job with its status, progress, echoed request and result")
	Job get(@PathVariable long id) {
		return management.get(id);
	}

	@PostMapping("/{id}/cancel")
	@Operation(summary = "Cancel a job", description = "A queued job is cancelled at once; a running one stops within "
			+ "one flush of its curve and keeps the curve so far; a finished job is a 409.")
	Job cancel(@PathVariable long id) {
		return management.cancel(id);
	}

	@GetMapping("/{id}/recommendation")
	@Operation(summary = "A finished range test's suggested learning rates (409 for a training job or before it ran)")
	Recommendation recommendation(@PathVariable long id) {
		return management.recommendation(id);
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete a finished job and its curve (409 while queued or running)")
	void delete(@PathVariable long id) {
		management.delete(id);
	}

}
