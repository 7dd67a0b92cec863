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
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/jobs/{id}/curve")
@Tag(name = "Jobs", description = "Training, range-test and learning-rate search jobs, their curves and "
		+ "recommendations.")
class CurveController {

	static final String TEXT_CSV = "text/csv";

	private static final String JOB_ID = "The job's id, as returned by POST /api/v1/jobs";

	private final CurveQuery query;

	private final CurveStreams streams;

	CurveController(CurveQuery query, CurveStreams streams) {
		this.query = query;
		this.streams = streams;
	}

	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "getCurve", summary = "A job's per-iteration curve as columns (lr, loss, momentum when cycled) with its validation "
			+ "measurements; send Accept: text/csv for CSV",
			description = "Without maxPoints: raw points, at most lrtune.curves.max-points per page (nextFrom names "
					+ "the next page). With maxPoints: min/max per bucket, keeping the first, last and diverged point.")
	@ApiResponse(responseCode = "200", description = "The curve: columns as JSON, or CSV (iteration,lr[,momentum],loss,"
			+ "validation_loss,validation_accuracy) for Accept: text/csv",
			content = { @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = CurveView.class)),
					@Content(mediaType = TEXT_CSV, schema = @Schema(type = "string"),
							examples = @ExampleObject(name = "csv", value = "iteration,lr,loss,validation_loss,validation_accuracy\n"
									+ "0,0.01,0.6931,,\n1,0.01,0.6712,,\n")) })
	byte[] curve(@Parameter(description = JOB_ID) @PathVariable long id, @Parameter(description = "First iteration, default 0") @RequestParam(required = false) Long from,
			@Parameter(description = "Last iteration (inclusive), default the last stored") @RequestParam(required = false) Long to,
			@Parameter(description = "Downsample to at most this many points") @RequestParam(required = false) Integer maxPoints,
			@Parameter(description = "EMA β with bias correction applied to the loss, in [0, 1)") @RequestParam(required = false) Double smoothing) {
		return query.curveJson(id, from, to, maxPoints, smoothing);
	}

	/** The same operation as {@link #curve} in the document (springdoc merges the two by path and method). */
	@GetMapping(produces = TEXT_CSV)
	@Operation(operationId = "getCurve")
	String curveCsv(@PathVariable long id, @RequestParam(required = false) Long from,
			@RequestParam(required = false) Long to, @RequestParam(required = false) Integer maxPoints,
			@RequestParam(required = false) Double smoothing) {
		return CurveCsv.write(query.curve(id, from, to, maxPoints, smoothing));
	}

	@GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@Operation(operationId = "streamCurve", summary = "Server-sent events of a job's curve: the points stored so far, then new points as they are "
			+ "stored (event: points, raw columns as GET /curve), then event: status with the final status",
			description = "Works for a job running on any instance (the curve store is polled every "
					+ "lrtune.curves.stream.poll-interval). Closes after lrtune.curves.stream.timeout.")
	@ApiResponse(responseCode = "200", description = "event: points (data: the columns of GET /curve for the new points), "
			+ "repeated; then event: status (data: {\"id\":1,\"status\":\"succeeded\"}) and the end of the stream",
			content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string")))
	SseEmitter stream(@Parameter(description = JOB_ID) @PathVariable long id) {
		return streams.open(id);
	}

}
