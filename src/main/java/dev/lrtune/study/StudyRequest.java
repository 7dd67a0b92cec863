package dev.lrtune.study;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.lrtune.core.search.AsynchronousSuccessiveHalving;
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
 * @param runner {@code server} (default): lrtune's workers train every trial; {@code client}: clients ask for trials
 *     and train them on their own model and data
 * @param rangeTestJobId a client-run study without candidates: the finished range test (or lr_search) of either runner
 *     that the eight generated candidates are sized from
 * @param name a name to know the study by; its trials' jobs are named after it
 * @param params free-form JSON the user wants kept with the study and its trials
 */
@ValidStudyRequest
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A study: candidate schedules trained against each other by successive halving on one "
		+ "dataset, model and seed.", example = StudyExamples.GENERATED)
record StudyRequest(
		@Size(max = JobRequest.MAX_DATASET_LENGTH, message = "must be at most {max} characters")
		@Schema(description = "An uploaded dataset's id (\"12\") or synthetic:<generator>?k=v&…; required unless runner "
				+ "is client, where it is refused") String dataset,
		@Valid @Schema(description = "The model every trial trains; required unless runner is client, where it is "
				+ "refused") ModelRequest model,
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
				+ "the last); default ⌈iterations / 100⌉, a hundred measurements over the budget. Generated "
				+ "candidates' trials at shorter rungs measure at least a hundred times there") Integer evaluateEvery,
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
				+ "when there are no candidates; default the range test's defaults") RangeTestRequest rangeTest,
		@Schema(description = "server (default): lrtune's workers train every trial on the dataset; client: clients ask "
				+ "for trials (POST /studies/{id}/ask), train them on their own model and post their points",
				allowableValues = { "server", "client" }, defaultValue = "server") String runner,
		@Positive @Schema(description = "A client-run study without candidates: the id of a finished range test or "
				+ "lr_search job (of either runner) from which the eight candidates are sized", format = "int64")
		Long rangeTestJobId,
		@Size(max = StudyRequest.MAX_NAME_LENGTH) @Schema(description = "A name to know the study by; its trials' "
				+ "jobs are named after it") String name,
		@Schema(description = "Free-form JSON kept with the study and given to its trials' jobs, such as the client's "
				+ "model and batch size", example = "{\"model\": \"resnet18\"}") Map<String, Object> params) {

	static final int MAX_NAME_LENGTH = 180;

	static final String SERVER = "server";

	static final String CLIENT = "client";

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
				standardizeTarget == null && !clientRun() ? Boolean.FALSE : standardizeTarget, iterations, evaluateEvery,
				candidates, strategy, chosen.jsonName(), rangeTest, runner, rangeTestJobId, name, params);
	}

	/** This request with that strategy. */
	StudyRequest withStrategy(StrategyRequest resolved) {
		return new StudyRequest(dataset, model, optimizer, batchSize, seed, validationFraction, standardizeTarget,
				iterations, evaluateEvery, candidates, resolved, objective, rangeTest, runner, rangeTestJobId, name, params);
	}

	/** Whether clients run the trials ({@code runner: client}). */
	boolean clientRun() {
		return CLIENT.equals(runner);
	}

	/** The iterations at which a client-run trial of a resolved request is judged: every rung but the budget. */
	List<Long> judgedRungs() {
		return AsynchronousSuccessiveHalving.judgedRungs(strategy.minIterations(), strategy.eta(), iterations);
	}

	/** The iterations of each rung of a resolved request (its strategy complete), the last one the budget. */
	List<Long> rungs() {
		return SuccessiveHalving.rungs(strategy.minIterations(), strategy.eta(), iterations);
	}

}
