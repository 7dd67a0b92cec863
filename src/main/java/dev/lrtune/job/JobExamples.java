package dev.lrtune.job;

/**
 * Ready-to-send bodies of {@code POST /api/v1/jobs} for the OpenAPI document (Swagger UI's example list, and what a
 * generated client's users copy). {@code OpenApiConventionsTests} posts each one and expects a documented 2xx: 202 for a
 * queued job, 201 for a client-run one.
 */
final class JobExamples {

	static final String TRAINING_CYCLIC = """
			{"type": "training", "dataset": "synthetic:moons?samples=1000&noise=0.2&seed=7",
			 "model": {"type": "mlp", "hidden": [32]}, "optimizer": {"type": "sgd", "momentum": 0.9},
			 "training": {"epochs": 20, "schedule": {"type": "cyclic", "baseLr": 0.01, "maxLr": 0.1, "stepSizeUp": 100}}}""";

	static final String TRAINING_ONE_CYCLE = """
			{"type": "training", "dataset": "synthetic:blobs?samples=2000&classes=3&seed=1",
			 "model": {"type": "softmax"}, "optimizer": {"type": "adam"}, "batchSize": 64, "seed": 42,
			 "training": {"iterations": 1000, "evaluateEvery": 100,
			              "schedule": {"type": "one_cycle", "maxLr": 0.05, "totalSteps": 1000}}}""";

	static final String TRAINING_PLATEAU = """
			{"type": "training", "dataset": "synthetic:spirals?samples=1000&seed=3", "validationFraction": 0.25,
			 "model": {"type": "mlp", "hidden": [64, 32], "activation": "tanh"},
			 "optimizer": {"type": "sgd", "momentum": 0.9, "nesterov": true, "weightDecay": 0.0001},
			 "training": {"epochs": 30, "evaluateEvery": 50,
			              "schedule": {"type": "warmup", "warmupSteps": 100,
			                           "then": {"type": "plateau", "lr": 0.05, "patience": 2, "factor": 0.5}}}}""";

	static final String RANGE_TEST = """
			{"type": "range_test", "dataset": "synthetic:moons?samples=1000&seed=7", "model": {"type": "logistic"},
			 "rangeTest": {"startLr": 1e-5, "endLr": 100, "iterations": 300, "repeats": 3}}""";

	static final String RANGE_TEST_DEFAULTS = """
			{"type": "range_test", "dataset": "synthetic:circles?samples=1000&seed=5",
			 "model": {"type": "mlp", "hidden": [32, 16]}}""";

	static final String CLIENT_RANGE_TEST = """
			{"type": "range_test", "runner": "client", "name": "resnet18 lr_find",
			 "tags": {"project": "cifar10"}, "params": {"model": "resnet18", "batchSize": 128},
			 "rangeTest": {"startLr": 1e-7, "endLr": 10, "iterations": 100}}""";

	static final String CLIENT_TRAINING = """
			{"type": "training", "runner": "client", "name": "resnet18 plateau", "tags": {"project": "cifar10"},
			 "training": {"iterations": 5000, "evaluateEvery": 500,
			              "schedule": {"type": "plateau", "lr": 0.1, "patience": 2, "factor": 0.5}}}""";

	/** Bodies of {@code POST /api/v1/jobs/{id}/points}. */
	static final String POINTS = """
			{"iteration": [0, 1, 2], "lr": [1e-7, 1.2e-7, 1.4e-7], "loss": [2.31, 2.29, null]}""";

	static final String POINTS_WITH_VALIDATION = """
			{"iteration": [498, 499], "lr": [0.1, 0.1], "loss": [0.52, 0.49],
			 "validation": {"iteration": [499], "loss": [0.61], "accuracy": [0.81]}}""";

	static final String LR_SEARCH = """
			{"type": "lr_search", "dataset": "synthetic:moons?samples=1000&noise=0.2&seed=7",
			 "model": {"type": "mlp", "hidden": [32]}, "optimizer": {"type": "sgd", "momentum": 0.9}, "seed": 42,
			 "lrSearch": {"iterations": 1000}}""";

	private JobExamples() {
	}

}
