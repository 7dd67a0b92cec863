package dev.lrtune.analysis;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.lrtune.core.rangetest.Recommendation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@RestController
@RequestMapping("/api/v1/range-tests")
@Tag(name = "Range tests", description = "The learning-rate finder's suggestions.")
class RangeTestController {

	static final String ELEVEN_POINTS = """
			{"lr": [1e-5, 3.16e-5, 1e-4, 3.16e-4, 1e-3, 3.16e-3, 1e-2, 3.16e-2, 1e-1, 3.16e-1, 1],
			 "loss": [2.30, 2.30, 2.29, 2.26, 2.15, 1.90, 1.52, 1.20, 1.35, 2.70, null],
			 "smoothing": 0, "skipStart": 0, "skipEnd": 0}""";

	static final String FORTY_POINTS = """
			{"lr": [1e-6, 1.6e-6, 2.5e-6, 4e-6, 6.3e-6, 1e-5, 1.6e-5, 2.5e-5, 4e-5, 6.3e-5,
			        1e-4, 1.6e-4, 2.5e-4, 4e-4, 6.3e-4, 1e-3, 1.6e-3, 2.5e-3, 4e-3, 6.3e-3,
			        1e-2, 1.6e-2, 2.5e-2, 4e-2, 6.3e-2, 1e-1, 1.6e-1, 2.5e-1, 4e-1, 6.3e-1,
			        1, 1.6, 2.5, 4, 6.3, 10, 16, 25, 40, 63],
			 "loss": [0.693, 0.693, 0.693, 0.692, 0.692, 0.691, 0.690, 0.689, 0.687, 0.684,
			          0.680, 0.674, 0.665, 0.652, 0.634, 0.610, 0.578, 0.540, 0.497, 0.452,
			          0.410, 0.372, 0.340, 0.316, 0.300, 0.291, 0.288, 0.291, 0.302, 0.325,
			          0.366, 0.433, 0.540, 0.71, 0.98, 1.41, 2.1, 3.3, 5.6, 9.8]}""";

	private final CurveAnalysis analysis;

	RangeTestController(CurveAnalysis analysis) {
		this.analysis = analysis;
	}

	@PostMapping("/analyze")
	@Operation(operationId = "analyzeRangeTest", summary = "Suggest learning rates for a range-test curve measured elsewhere",
			description = "The same analysis as a range-test job: minimum/10, steepest descent, fastai's valley, "
					+ "divergence/10, the recommended lr and cyclic bounds.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = "application/json", schema = @Schema(implementation = AnalyzeRequest.class),
							examples = {
									@ExampleObject(name = "unsmoothed", summary = "Eleven points, half a decade apart, used as given; the run diverged at the last",
											value = ELEVEN_POINTS),
									@ExampleObject(name = "fastai_defaults", summary = "A 40-point curve with fastai's smoothing (0.98) and trimming (10, 5)",
											value = FORTY_POINTS) })))
	@ApiResponse(responseCode = "200", description = "The four suggestions, the recommended lr and cyclic bounds")
	Recommendation analyze(@Valid @RequestBody AnalyzeRequest request) {
		return analysis.analyze(request);
	}

}
