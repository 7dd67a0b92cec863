package dev.lrtune.core.rangetest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.lrtune.core.InvalidParameterException;
import dev.lrtune.core.rangetest.LrRamp.Mode;
import dev.lrtune.core.rangetest.RangeTestOptions.LossSource;

class RangeTestOptionsTests {

	@Test
	void missingFieldsTakeFastaisDefaultsOver300Steps() {
		assertThat(RangeTestOptions.defaults()).isEqualTo(
				new RangeTestOptions(1e-7, 10, 300, Mode.EXPONENTIAL, 0.98, 4, LossSource.TRAIN, 1, 10, 5));
	}

	@Test
	void givenFieldsAreKeptAndNamesAreParsed() {
		RangeTestOptions options = RangeTestOptions.of(1e-5, 1.0, 50, "linear", 0.9, 3.0, "validation", 5, 2, 1);

		assertThat(options).isEqualTo(
				new RangeTestOptions(1e-5, 1, 50, Mode.LINEAR, 0.9, 3, LossSource.VALIDATION, 5, 2, 1));
	}

	@Test
	void theRampAndTheAnalysisSettingsComeFromTheOptions() {
		RangeTestOptions options = RangeTestOptions.of(1e-5, 1.0, 50, "linear", 0.9, null, null, null, 2, 1);

		assertThat(options.ramp()).isEqualTo(new LrRamp(1e-5, 1, 50, Mode.LINEAR));
		assertThat(options.analysisSettings()).isEqualTo(new AnalysisSettings(0.9, 2, 1));
	}

	@Test
	void lossSourceIsParsedFromItsJsonName() {
		assertThat(LossSource.of("TRAIN")).isEqualTo(LossSource.TRAIN);
		assertThat(LossSource.VALIDATION.jsonName()).isEqualTo("validation");
	}

	@Test
	void invalidOptionsNameTheField() {
		assertParameter(() -> options(0.0, null, null, null, null, null, null, null), "startLr");
		assertParameter(() -> options(1e-3, 1e-4, null, null, null, null, null, null), "endLr");
		assertParameter(() -> options(null, null, 2, null, null, null, null, null), "iterations");
		assertParameter(() -> options(null, null, 100_001, null, null, null, null, null), "iterations");
		assertParameter(() -> options(null, null, null, "cosine", null, null, null, null), "mode");
		assertParameter(() -> options(null, null, null, null, 1.0, null, null, null), "smoothing");
		assertParameter(() -> options(null, null, null, null, null, 1.0, null, null), "divergenceFactor");
		assertParameter(() -> options(null, null, null, null, null, Double.POSITIVE_INFINITY, null, null),
				"divergenceFactor");
		assertParameter(() -> options(null, null, null, null, null, null, "test", null), "lossSource");
		assertParameter(() -> options(null, null, null, null, null, null, null, 0), "repeats");
		assertParameter(() -> options(null, null, null, null, null, null, null, 21), "repeats");
		assertParameter(() -> RangeTestOptions.of(null, null, null, null, null, null, null, null, -1, null),
				"skipStart");
		assertParameter(() -> RangeTestOptions.of(null, null, null, null, null, null, null, null, null, -1),
				"skipEnd");
		assertParameter(() -> new RangeTestOptions(1e-7, 10, 100, Mode.EXPONENTIAL, 0.98, 4, null, 1, 10, 5),
				"lossSource");
	}

	@Test
	void violationsNameEveryBrokenFieldAtOnce() {
		assertThat(RangeTestOptions.violations(1.0, 0.1, 2, "cubic", 1.0, 1.0, "test", 0, -1, -1))
			.extracting(InvalidParameterException::parameter)
			.containsExactlyInAnyOrder("endLr", "iterations", "mode", "smoothing", "divergenceFactor", "lossSource",
					"repeats");
		assertThat(RangeTestOptions.violations(0.0, null, 100_001, null, null, null, null, 21, null, -1))
			.extracting(InvalidParameterException::parameter)
			.containsExactlyInAnyOrder("startLr", "iterations", "repeats", "skipEnd");
	}

	@Test
	void violationsAreEmptyExactlyWhenTheOptionsCanBeMade() {
		assertThat(RangeTestOptions.violations(null, null, null, null, null, null, null, null, null, null)).isEmpty();
		assertThat(RangeTestOptions.violations(1e-5, 1.0, 50, "LINEAR", 0.0, 3.0, "Validation", 20, 0, 0)).isEmpty();
		assertThat(RangeTestOptions.of(1e-5, 1.0, 50, "LINEAR", 0.0, 3.0, "Validation", 20, 0, 0).mode())
			.isEqualTo(Mode.LINEAR);
	}

	@Test
	void theRampsOwnRulesAreViolationsOfTheOptions() {
		assertThat(RangeTestOptions.violations(1.0, 1.0 + 1e-12, 300, null, null, null, null, null, null, null))
			.extracting(InvalidParameterException::parameter)
			.containsExactly("endLr");
		assertThat(RangeTestOptions.violations(1e-300, 1e300, null, null, null, null, null, null, null, null))
			.extracting(InvalidParameterException::parameter)
			.containsExactly("endLr");
		assertParameter(() -> options(1.0, 1.0 + 1e-12, null, null, null, null, null, null), "endLr");
	}

	@Test
	void theFieldsAreTheRecordsComponents() {
		assertThat(RangeTestOptions.FIELDS).containsExactlyInAnyOrder("startLr", "endLr", "iterations", "mode",
				"smoothing", "divergenceFactor", "lossSource", "repeats", "skipStart", "skipEnd");
	}

	@Test
	void theBoundsThemselvesAreAccepted() {
		assertThat(options(null, null, 3, null, null, null, null, 20).iterations()).isEqualTo(3);
		assertThat(options(null, null, 100_000, null, 0.0, null, null, 1).iterations()).isEqualTo(100_000);
	}

	private static RangeTestOptions options(Double startLr, Double endLr, Integer iterations, String mode,
			Double smoothing, Double divergenceFactor, String lossSource, Integer repeats) {
		return RangeTestOptions.of(startLr, endLr, iterations, mode, smoothing, divergenceFactor, lossSource, repeats,
				null, null);
	}

	private static void assertParameter(Runnable invalid, String parameter) {
		assertThatThrownBy(invalid::run).isInstanceOfSatisfying(InvalidParameterException.class,
				e -> assertThat(e.parameter()).isEqualTo(parameter));
	}

}
