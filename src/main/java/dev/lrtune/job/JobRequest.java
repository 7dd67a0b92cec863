package dev.lrtune.job;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.lrtune.core.data.SplitDataset;
import dev.lrtune.job.run.JobDatasets;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import dev.lrtune.job.store.Runner;

/**
 * The body of {@code POST /jobs}, and the {@code request} a job echoes with every default resolved (so that
 * submitting the echo again reproduces the job bit for bit).
 *
 * @param seed seeds the split, the initial weights and the minibatch order; when absent a random one in
 *     0…2³¹−1 is drawn and echoed
 * @param standardizeTarget whether a regression target is z-scored for training (on the training rows' mean and
 *     deviation; losses are still reported in the target's units); default true, and false for a job stored before
 *     the option existed, which trained on the raw target
 */
@ValidJobRequest
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A training, range-test or learning-rate search job.", example = """
		{"type": "training", "dataset": "synthetic:moons?samples=1000&noise=0.2&seed=7",
		 "model": {"type": "mlp", "hidden": [32]}, "optimizer": {"type": "sgd", "momentum": 0.9},
		 "training": {"epochs": 20, "schedule": {"type": "cyclic", "baseLr": 0.01, "maxLr": 0.1, "stepSizeUp": 100}}}""")
public record JobRequest(
		@NotNull @Schema(description = "range_test takes rangeTest; training needs training; lr_search needs lrSearch "
				+ "and takes rangeTest", allowableValues = { "range_test", "training", "lr_search" }) String type,
		@Size(max = JobRequest.MAX_DATASET_LENGTH, message = "must be at most {max} characters")
		@Schema(description = "An uploaded dataset's id (\"12\") or synthetic:<generator>?k=v&…; required unless runner is client, "
				+ "where it is refused") String dataset,
		@Schema(description = "The model to train; required unless runner is client, where it is refused") ModelRequest model,
		@Schema(description = "Default: plain sgd") OptimizerRequest optimizer,
		@Positive @Max(JobRequest.MAX_BATCH_SIZE) @Schema(defaultValue = "32", description = "Rows per minibatch; one larger than the training split is the whole split") Integer batchSize,
		@PositiveOrZero @Schema(description = "Default: a random seed, echoed") Long seed,
		@DecimalMin("0") @DecimalMax(value = "1", inclusive = false) @Schema(description = "Share of rows held out for validation, in [0, 1)", defaultValue = "0.2") Double validationFraction,
		@Schema(description = "Regression: train on the target z-scored with the training rows' mean and deviation, "
				+ "so that rates do not depend on the target's units; losses are reported in the target's units. "
				+ "Ignored for classification", defaultValue = "true") Boolean standardizeTarget,
		@Valid RangeTestRequest rangeTest,
		@Valid TrainingRequest training,
		@Valid LrSearchRequest lrSearch,
		@Schema(description = "server (default): lrtune's workers train lrtune's model on the dataset; client: the client "
				+ "trains its own model and posts the points to /jobs/{id}/points, the job is created running",
				allowableValues = { "server", "client" }, defaultValue = "server") String runner,
		@Size(max = JobRequest.MAX_NAME_LENGTH) @Schema(description = "A name to find the job by (GET /jobs?name=)") String name,
		@Size(max = JobRequest.MAX_TAGS) @Schema(description = "Labels to filter by (GET /jobs?tag=key:value); keys without ':'",
				example = "{\"project\": \"resnet\"}") Map<String, String> tags,
		@Schema(description = "Free-form JSON kept with the job, such as the client's model and batch size",
				example = "{\"model\": \"resnet18\", \"batchSize\": 128}") Map<String, Object> params) {

	/** The longest dataset reference: what the {@code jobs.dataset} column holds. */
	public static final int MAX_DATASET_LENGTH = 1000;

	/** A batch larger than the training split is the whole split; past a million rows a batch size is a mistake. */
	static final int MAX_BATCH_SIZE = 1_000_000;

	static final int MAX_NAME_LENGTH = 200;

	static final int MAX_TAGS = 50;

	/** A request of a server job without name, tags or params. */
	public JobRequest(String type, String dataset, ModelRequest model, OptimizerRequest optimizer, Integer batchSize, Long seed,
			Double validationFraction, Boolean standardizeTarget, RangeTestRequest rangeTest, TrainingRequest training,
			LrSearchRequest lrSearch) {
		this(type, dataset, model, optimizer, batchSize, seed, validationFraction, standardizeTarget, rangeTest, training,
				lrSearch, null, null, null, null);
	}

	/** The runner named by {@code runner}, server when absent; {@code null} for an unknown name. */
	Runner jobRunner() {
		return runner == null ? Runner.SERVER : Runner.of(runner);
	}

	JobType jobType() {
		return JobType.of(type);
	}

	/** The job's training and validation rows, split and scaled as the request says. */
	public SplitDataset split(JobDatasets.Loaded dataset) {
		return dataset.data().split(validationFraction, seed, dataset.standardize(), Boolean.TRUE.equals(standardizeTarget));
	}

}
