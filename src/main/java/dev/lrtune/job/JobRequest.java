package dev.lrtune.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /jobs}, and the {@code request} a job echoes with every default resolved (so that
 * submitting the echo again reproduces the job bit for bit).
 *
 * @param seed seeds the split, the initial weights and the minibatch order; when absent a random one in
 *     0…2³¹−1 is drawn and echoed
 */
@ValidJobRequest
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A training or range-test job.", example = """
		{"type": "training", "dataset": "synthetic:moons?samples=1000&noise=0.2&seed=7",
		 "model": {"type": "mlp", "hidden": [32]}, "optimizer": {"type": "sgd", "momentum": 0.9},
		 "training": {"epochs": 20, "schedule": {"type": "cyclic", "baseLr": 0.01, "maxLr": 0.1, "stepSizeUp": 100}}}""")
public record JobRequest(
		@NotNull @Schema(description = "range_test needs rangeTest; training needs training",
				allowableValues = { "range_test", "training" }) String type,
		@NotBlank @Size(max = JobRequest.MAX_DATASET_LENGTH, message = "must be at most {max} characters")
		@Schema(description = "An uploaded dataset's id (\"12\") or synthetic:<generator>?k=v&…") String dataset,
		@NotNull @Schema(description = "The model to train") ModelRequest model,
		@Schema(description = "Default: plain sgd") OptimizerRequest optimizer,
		@Positive @Max(JobRequest.MAX_BATCH_SIZE) @Schema(defaultValue = "32", description = "Rows per minibatch; one larger than the training split is the whole split") Integer batchSize,
		@PositiveOrZero @Schema(description = "Default: a random seed, echoed") Long seed,
		@DecimalMin("0") @DecimalMax(value = "1", inclusive = false) @Schema(description = "Share of rows held out for validation, in [0, 1)", defaultValue = "0.2") Double validationFraction,
		@Valid RangeTestRequest rangeTest,
		@Valid TrainingRequest training) {

	/** The longest dataset reference: what the {@code jobs.dataset} column holds. */
	public static final int MAX_DATASET_LENGTH = 1000;

	/** A batch larger than the training split is the whole split; past a million rows a batch size is a mistake. */
	static final int MAX_BATCH_SIZE = 1_000_000;

	JobType jobType() {
		return JobType.of(type);
	}

}
