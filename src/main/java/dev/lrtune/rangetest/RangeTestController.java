package dev.lrtune.rangetest;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.lrtune.core.rangetest.Recommendation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@RestController
@RequestMapping("/api/v1/range-tests")
@Tag(name = "Range tests", description = "The learning-rate finder's suggestions.")
class RangeTestController {

	private final CurveAnalysis analysis;

	RangeTestController(CurveAnalysis analysis) {
		this.analysis = analysis;
	}

	@PostMapping("/analyze")
	@Operation(summary = "Suggest learning rates for a range-test curve measured elsewhere",
			description = "The same analysis as a range-test job: minimum/10, steepest descent, fastai's valley, "
					+ "divergence/10, the recommended lr and cyclic bounds.")
	Recommendation analyze(@Valid @RequestBody AnalyzeRequest request) {
		return analysis.analyze(request);
	}

}
