package dev.lrtune.study;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.lrtune.core.search.SuccessiveHalving;
import dev.lrtune.job.JobRequest;
import dev.lrtune.job.ModelRequest;
import dev.lrtune.job.OptimizerRequest;
import dev.lrtune.job.RangeTestRequest;
import dev.lrtune.schedule.ScheduleSpec;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /studies}, and the {@code request} a study echoes with every default resolved.
 *
 * @param standardizeTarget passed to every job; default true; false for a study stored before the option existed
 * @param iterations the budget: what the last rung's trials train, and what {@code best.schedule} is sized for
 * @param candidates the schedules to compare; absent: eight generated from a learning-rate search run first
 * @param objective {@code best} or {@code last}: what trials are ranked by, see {@link Objective}
 * @param rangeTest the range test's settings when there are no candidates (fastai's defaults otherwise)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A study: candidate schedules trained against each other by successive halving on one "
		+ "dataset, model and seed.", example = StudyExamples.GENERATED)
record StudyRequest(
		@NotBlank @Size(max = JobRequest.MAX_DATASET_LENGTH, message = "must be at most {max} characters")
		@Schema(description = "An uploaded dataset's id (\"12\") or synthetic:<generator>?k=v&…") String dataset,
		@NotNull @Valid @Schema(description = "The model every trial trains") ModelRequest model,
		@Valid @Schema(description = "Default: plain sgd") OptimizerRequest optimizer,
		@Positive @Schema(description = "Rows per minibatch", defaultValue = "32") Integer batchSize,
		@PositiveOrZero @Schema(description = "Seeds the split, initial weights and minibatch order of every trial "
				+ "(the same for all); default a random one, echoed") Long seed,
		@DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false)
		@Schema(description = "Share of rows held out for validation, in (0, 1): trials are ranked by validation loss",
				defaultValue = "0.2") Double validationFraction,
		@Schema(description = "Regression: every trial trains on the target z-scored with the training rows' mean and "
				+ "deviation; losses are reported in the target's units. Ignored for classification",
				defaultValue = "true") Boolean standardizeTarget,
		@NotNull @Positive @Schema(description = "The budget: iterations the last rung trains", example = "3000")
		Long iterations,
		@PositiveOrZero @Schema(description = "Measure the validation split every this many iterations (and after "
				+ "the last); default ⌈iterations / 100⌉, a hundred measurements over the budget") Integer evaluateEvery,
		@Size(min = 1, max = StudyRequest.MAX_CANDIDATES) @ArraySchema(schema = @Schema(implementation = ScheduleSpec.class),
				arraySchema = @Schema(description = "The schedules to compare, each sized for the budget; absent: "
						+ "eight generated from a learning-rate search (a range test, then a race of constant rates)"))
		List<@NotNull @Valid ScheduleSpec> candidates,
		@Valid @Schema(description = "How the budget is spent") StrategyRequest strategy,
		@Pattern(regexp = Objective.NAMES, message = "must be best or last")
		@Schema(description = "What trials are ranked by: best, the lowest validation loss a trial reached (and the "
				+ "iteration where); last, its validation loss at the end of its run", defaultValue = "best",
				allowableValues = { "best", "last" }) String objective,
		@Valid @Schema(description = "The settings of the range test that starts the learning-rate search run "
				+ "when there are no candidates; default the range test's defaults") RangeTestRequest rangeTest) {

	static final int MAX_CANDIDATES = 32;

	/** How many trials the study starts with: the candidates given, or one per generated family. */
	int candidateCount() {
		return candidates == null ? GENERATED_CANDIDATES : candidates.size();
	}

	static final int GENERATED_CANDIDATES = 8;

	/**
	 * This request as stored, with the choices a study stored before they existed lacks: its objective (kept beside
	 * the request) and standardizeTarget false, as its trials trained.
	 */
	StudyRequest withStoredDefaults(Objective chosen) {
		return new StudyRequest(dataset, model, optimizer, batchSize, seed, validationFraction,
				standardizeTarget == null ? Boolean.FALSE : standardizeTarget, iterations, evaluateEvery, candidates,
				strategy, chosen.jsonName(), rangeTest);
	}

	/** The iterations of each rung of a resolved request (its strategy complete), the last one the budget. */
	List<Long> rungs() {
		return SuccessiveHalving.rungs(strategy.minIterations(), strategy.eta(), iterations);
	}

}
