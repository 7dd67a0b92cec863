package dev.lrtune.curve;

import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link CurveView} as CSV, one row per iteration that has a training point or an evaluation:
 * {@code iteration,lr[,momentum],loss,validation_loss,validation_accuracy}, empty cells where a value
 * is absent or not finite. {@code pandas.read_csv(url)} reads it as it is.
 */
final class CurveCsv {

	private CurveCsv() {
	}

	static String write(CurveView curve) {
		boolean momentum = curve.momentum() != null;
		Map<Long, String[]> rows = new TreeMap<>();
		for (int i = 0; i < curve.iteration().size(); i++) {
			String[] row = rows.computeIfAbsent(curve.iteration().get(i), k -> new String[5]);
			row[0] = cell(curve.lr().get(i));
			row[1] = momentum ? cell(curve.momentum().get(i)) : null;
			row[2] = cell(curve.loss().get(i));
		}
		CurveView.Validation validation = curve.validation();
		for (int i = 0; i < validation.iteration().size(); i++) {
			String[] row = rows.computeIfAbsent(validation.iteration().get(i), k -> new String[5]);
			row[3] = cell(validation.loss().get(i));
			row[4] = cell(validation.accuracy().get(i));
		}
		StringBuilder out = new StringBuilder(32 * (rows.size() + 1));
		out.append(momentum ? "iteration,lr,momentum,loss,validation_loss,validation_accuracy\n"
				: "iteration,lr,loss,validation_loss,validation_accuracy\n");
		rows.forEach((iteration, row) -> {
			out.append(iteration).append(',').append(nonNull(row[0]));
			if (momentum) {
				out.append(',').append(nonNull(row[1]));
			}
			out.append(',').append(nonNull(row[2])).append(',').append(nonNull(row[3])).append(',')
				.append(nonNull(row[4])).append('\n');
		});
		return out.toString();
	}

	private static String cell(Double value) {
		return value == null ? "" : Double.toString(value);
	}

	private static String nonNull(String cell) {
		return cell == null ? "" : cell;
	}

}
