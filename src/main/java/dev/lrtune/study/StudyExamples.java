package dev.lrtune.study;

/** Request bodies for the OpenAPI document; {@code OpenApiConventionsTests} posts each one. */
final class StudyExamples {

	static final String GENERATED = """
			{"dataset": "synthetic:moons?samples=1000&noise=0.2&seed=7", "model": {"type": "mlp", "hidden": [32]},
			 "optimizer": {"type": "sgd", "momentum": 0.9}, "seed": 42, "iterations": 2700}""";

	static final String CANDIDATES = """
			{"dataset": "synthetic:linear?samples=800&features=5&noise=0.5&seed=3", "model": {"type": "linear"},
			 "seed": 7, "iterations": 1800,
			 "candidates": [{"type": "constant", "lr": 0.05},
			                {"type": "exponential", "lr": 0.05, "decayRate": 0.01, "decaySteps": 1800},
			                {"type": "cosine", "lr": 0.05, "tMax": 1800},
			                {"type": "constant", "lr": 0.001}],
			 "strategy": {"type": "successive_halving", "eta": 2, "minIterations": 450}}""";

	static final String CLIENT = """
			{"runner": "client", "name": "resnet18 schedules", "iterations": 2700,
			 "params": {"model": "resnet18", "batchSize": 128},
			 "candidates": [{"type": "constant", "lr": 0.05},
			                {"type": "cosine", "lr": 0.1, "tMax": 2700},
			                {"type": "one_cycle", "maxLr": 0.3, "totalSteps": 2700}],
			 "strategy": {"type": "successive_halving", "eta": 3, "minIterations": 100}}""";

	private StudyExamples() {
	}

}
