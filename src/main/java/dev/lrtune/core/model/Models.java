package dev.lrtune.core.model;

import java.util.SplittableRandom;

import dev.lrtune.core.InvalidParameterException;
import dev.lrtune.core.data.RandomStreams;
import dev.lrtune.core.data.Task;

/** Builds a {@link Model} for a dataset from a {@link ModelSpec}. */
public final class Models {

	/** Upper bound on the parameter count (400 MB of doubles), so a request cannot exhaust the heap. */
	public static final long MAX_PARAMETERS = 50_000_000;

	private Models() {
	}

	/**
	 * Which kernels train the models in this JVM, and why: {@code vector (256-bit vectors)} with the Vector
	 * API, otherwise {@code scalar (reason)}. Either way the results are the same bits; only the speed differs.
	 */
	public static String kernels() {
		return Kernels.path();
	}

	/** True when the models run the plain-Java kernels only because the Vector API's module was not resolved. */
	public static boolean vectorKernelsNeedTheModule() {
		return !Kernels.VECTOR && !Kernels.vectorModuleResolved()
				&& !"scalar".equals(System.getProperty("lrtune.kernels"));
	}

	/** A model initialised from the job seed's {@link RandomStreams#init(long) init stream}. */
	public static Model create(ModelSpec spec, Task task, int inputs, long seed) {
		return create(spec, task, inputs, RandomStreams.init(seed));
	}

	/**
	 * A freshly initialised model: {@code linear}, {@code logistic} and {@code softmax} start at zero, an
	 * {@code mlp} draws its weights (He for relu, Xavier for tanh; biases 0) from {@code random}. A network whose
	 * spec asks for {@code float32} computes in float32 ({@link FloatNetwork}; the same type, layout and
	 * initial parameters, which stay float64).
	 * @throws InvalidParameterException naming {@code type}, {@code hidden} or {@code activation} when the
	 * spec is invalid or does not fit the task (linear needs regression, logistic two classes, softmax a
	 * classification task)
	 */
	public static Model create(ModelSpec spec, Task task, int inputs, SplittableRandom random) {
		spec.validate();
		if (inputs < 1) {
			throw new IllegalArgumentException("inputs must be at least 1, got " + inputs);
		}
		checkFits(spec.type(), task);
		switch (spec.type()) {
			case "linear" -> {
				return new LinearPredictor(inputs, false);
			}
			case "logistic" -> {
				return new LinearPredictor(inputs, true);
			}
			case "softmax" -> {
				return network(spec, task, inputs, new int[0], null);
			}
			default -> {
				int[] hidden = spec.hiddenOrDefault().stream().mapToInt(Integer::intValue).toArray();
				return network(spec, task, inputs, hidden, random);
			}
		}
	}

	/**
	 * Whether a model of that type can learn the task: linear needs regression, logistic two classes, softmax a
	 * classification task; an mlp fits either. The one place this rule lives: the job API checks it when a job is
	 * submitted, and {@link #create} again when the model is built.
	 * @throws InvalidParameterException naming {@code type} when it does not fit
	 */
	public static void checkFits(String type, Task task) {
		String problem = switch (type) {
			case "linear" -> task.isClassification()
					? "linear is a regression model; use logistic or softmax for a classification dataset" : null;
			case "logistic" -> !task.isClassification() || task.classes() != 2
					? "logistic needs a classification dataset with 2 classes (labels 0/1), the dataset is " + task : null;
			case "softmax" -> !task.isClassification()
					? "softmax needs a classification dataset, the dataset is " + task : null;
			default -> null;
		};
		if (problem != null) {
			throw new InvalidParameterException("type", problem);
		}
	}

	private static Model network(ModelSpec spec, Task task, int inputs, int[] hidden, SplittableRandom random) {
		int outputs = task.isClassification() ? task.classes() : 1;
		long parameters = LayeredNetwork.parameterCount(inputs, hidden, outputs);
		if (parameters > MAX_PARAMETERS) {
			throw new InvalidParameterException(hidden.length == 0 ? "type" : "hidden",
					"the model would have " + parameters + " parameters, more than " + MAX_PARAMETERS);
		}
		Head head = task.isClassification() ? Head.CROSS_ENTROPY : Head.SQUARED_ERROR;
		if (spec.isFloat32()) {
			return new FloatNetwork(spec.type(), inputs, hidden, outputs, spec.activationOrDefault(), head, random,
					new FloatKernels());
		}
		return new Network(spec.type(), inputs, hidden, outputs, spec.activationOrDefault(), head, random);
	}

}
