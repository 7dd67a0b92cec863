package dev.lrtune.curve;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/jobs/{id}/curve")
@Tag(name = "Jobs", description = "Training and range-test jobs, their curves and recommendations.")
class CurveController {

	static final String TEXT_CSV = "text/csv";

	private final CurveQuery query;

	private final CurveStreams streams;

	CurveController(CurveQuery query, CurveStreams streams) {
		this.query = query;
		this.streams = streams;
	}

	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "A job's per-iteration curve as columns (lr, loss, momentum when cycled) with its validation "
			+ "measurements; send Accept: text/csv for CSV",
			description = "Without maxPoints: raw points, at most lrtune.curves.max-points per page (nextFrom names "
					+ "the next page). With maxPoints: min/max per bucket, keeping the first, last and diverged point.")
	CurveView curve(@PathVariable long id, @Parameter(description = "First iteration, default 0") @RequestParam(required = false) Long from,
			@Parameter(description = "Last iteration (inclusive), default the last stored") @RequestParam(required = false) Long to,
			@Parameter(description = "Downsample to at most this many points") @RequestParam(required = false) Integer maxPoints,
			@Parameter(description = "EMA β with bias correction applied to the loss, in [0, 1)") @RequestParam(required = false) Double smoothing) {
		return query.curve(id, from, to, maxPoints, smoothing);
	}

	@GetMapping(produces = TEXT_CSV)
	String curveCsv(@PathVariable long id, @RequestParam(required = false) Long from,
			@RequestParam(required = false) Long to, @RequestParam(required = false) Integer maxPoints,
			@RequestParam(required = false) Double smoothing) {
		return CurveCsv.write(query.curve(id, from, to, maxPoints, smoothing));
	}

	@GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@Operation(summary = "Server-sent events of a job's curve: the points stored so far, then new points as they are "
			+ "stored (event: points, raw columns as GET /curve), then event: status with the final status",
			description = "Works for a job running on any instance (the curve store is polled every "
					+ "lrtune.curves.stream.poll-interval). Closes after lrtune.curves.stream.timeout.")
	SseEmitter stream(@PathVariable long id) {
		return streams.open(id);
	}

}
