package dev.lrtune.dataset;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a target cell into the value training learns: the number itself for regression, the class
 * index for classification. Classes are numbered 0..k−1 in sorted order of their labels: by value when
 * every label is a number ({@code 2} before {@code 10}), otherwise by String order of the trimmed text
 * ({@code "Adelie"} before {@code "Chinstrap"}, upper case before lower case).
 */
final class TargetEncoder {

	private final TargetKind task;

	private final List<String> classes;

	private final Map<Double, Integer> numberCodes = new HashMap<>();

	/** Text labels, in class order: a label's entry is its class index. */
	private final SpanTable textCodes = new SpanTable();

	private TargetEncoder(TargetKind task, List<String> classes) {
		this.task = task;
		this.classes = List.copyOf(classes);
	}

	static TargetEncoder regression() {
		return new TargetEncoder(TargetKind.REGRESSION, List.of());
	}

	static TargetEncoder numberClasses(List<Double> labels) {
		TargetEncoder encoder = new TargetEncoder(TargetKind.CLASSIFICATION, labels.stream().map(Cells::label).toList());
		for (int i = 0; i < labels.size(); i++) {
			encoder.numberCodes.put(labels.get(i), i);
		}
		return encoder;
	}

	static TargetEncoder textClasses(List<String> labels) {
		TargetEncoder encoder = new TargetEncoder(TargetKind.CLASSIFICATION, labels);
		for (int i = 0; i < labels.size(); i++) {
			encoder.textCodes.add(labels.get(i));
		}
		return encoder;
	}

	/** Decides the task (inferring it when {@code requested} is null, see {@link Encoding}) and the classes. */
	static TargetEncoder plan(ColumnProfile target, TargetKind requested, int maxCategories) {
		if (target.values() == 0) {
			throw DatasetProblem.unprocessable("Empty target", "The target column '" + target.name + "' has no values"
					+ (target.missing() > 0 ? ": all " + target.missing() + " of its cells are missing." : "."))
				.column(target.name)
				.fix("Choose another target=<column>.");
		}
		TargetKind task = requested != null ? requested : infer(target);
		if (task == TargetKind.REGRESSION) {
			if (!target.isNumeric()) {
				throw DatasetProblem.unprocessable("Non-numeric target", "Regression needs a numeric target, but column '"
						+ target.name + "' holds '" + target.firstText() + "' on line " + target.firstTextLine() + ".")
					.line(target.firstTextLine())
					.column(target.name)
					.fix("task=classification, or write missing values as empty cells or NA");
			}
			return regression();
		}
		TargetEncoder encoder = classes(target, maxCategories);
		if (encoder.classes.size() < 2) {
			throw DatasetProblem.unprocessable("One class only", "Classification needs at least two classes, but the target '"
					+ target.name + "' holds only '" + encoder.classes.get(0) + "' in the rows kept.")
				.column(target.name)
				.fix("Choose a target=<column> with at least two distinct values.");
		}
		return encoder;
	}

	private static TargetKind infer(ColumnProfile target) {
		boolean fewIntegers = target.hasIntegersOnly() && target.distinctNumbers() <= Encoding.INTEGER_CLASSES;
		return !target.isNumeric() || fewIntegers ? TargetKind.CLASSIFICATION : TargetKind.REGRESSION;
	}

	private static TargetEncoder classes(ColumnProfile target, int maxCategories) {
		boolean tooMany = target.isNumeric() ? target.distinctNumbers() > maxCategories : target.overflows();
		if (tooMany) {
			throw DatasetProblem.unprocessable("Too many classes", "The target '" + target.name + "' has more than "
					+ maxCategories + " distinct values, too many classes to learn.")
				.column(target.name)
				.with("maxCategories", maxCategories)
				.fix(target.isNumeric() ? "task=regression" : "Choose another target, or raise lrtune.datasets.max-categories.");
		}
		return target.isNumeric() ? numberClasses(target.numbers()) : textClasses(target.categories());
	}

	TargetKind task() {
		return task;
	}

	/** Class labels in index order; empty for regression. */
	List<String> classes() {
		return classes;
	}

	/** @param record trimmed; its cell in column {@code index} not missing */
	double encode(CsvRecord record, int index) {
		if (task == TargetKind.REGRESSION) {
			return record.number(index);
		}
		if (numberCodes.isEmpty()) {
			return textCodes.indexOf(record, index);
		}
		Integer code = numberCodes.get(record.number(index));
		return code;
	}

}
