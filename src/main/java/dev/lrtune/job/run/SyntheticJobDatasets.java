package dev.lrtune.job.run;

import dev.lrtune.core.InvalidParameterException;
import dev.lrtune.core.data.Task;
import dev.lrtune.core.data.synthetic.SyntheticSpec;
import dev.lrtune.web.InvalidRequestException;

/** {@code synthetic:<generator>?k=v&…} references: generated on demand, never stored. */
final class SyntheticJobDatasets implements JobDatasets {

	@Override
	public Shape describe(String reference) {
		SyntheticSpec spec = parse(reference);
		Task task = spec.generator().isClassification() ? Task.classification(spec.classes()) : Task.regression();
		return new Shape(spec.samples(), spec.features(), task);
	}

	/** The reference itself: the same generator, parameters and seed generate the same rows. */
	@Override
	public String version(String reference) {
		return parse(reference).toString();
	}

	@Override
	public Loaded load(String reference) {
		return new Loaded(parse(reference).generate(), true);
	}

	private static SyntheticSpec parse(String reference) {
		if (!SyntheticSpec.isSyntheticReference(reference)) {
			throw new InvalidRequestException("dataset", "'" + reference + "' is not a dataset reference this service "
					+ "knows; use synthetic:<generator>?k=v&… with generators linear, blobs, moons, circles, spirals, xor");
		}
		try {
			return SyntheticSpec.parse(reference);
		}
		catch (InvalidParameterException ex) {
			throw new InvalidRequestException("dataset", ex.getMessage());
		}
	}

}
