package dev.lrtune.schedule;

import static dev.lrtune.schedule.Examples.MAPPER;
import static dev.lrtune.schedule.Examples.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import com.fasterxml.jackson.annotation.JsonTypeName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import dev.lrtune.core.InvalidParameterException;
import dev.lrtune.core.schedule.Schedule;

class ScheduleSpecTests {

	static List<Class<? extends ScheduleSpec>> specClasses() {
		return Examples.specClasses().toList();
	}

	private static int occurrences(String text, String part) {
		return text.split(Pattern.quote(part), -1).length - 1;
	}

	private static void assertRejected(String json, String parameter, String... messageParts) {
		ScheduleSpec spec = read(json);
		assertThatThrownBy(() -> spec.toSchedule(1)).isInstanceOfSatisfying(InvalidParameterException.class, ex -> {
			assertThat(ex.parameter()).isEqualTo(parameter);
			for (String part : messageParts) {
				assertThat(ex.getMessage()).contains(part);
			}
		});
	}

	@ParameterizedTest
	@MethodSource("specClasses")
	void everyDocumentedExampleDeserialisesAndBuildsAWorkingSchedule(Class<? extends ScheduleSpec> specClass) {
		ScheduleSpec spec = read(Examples.exampleOf(specClass));
		assertThat(spec).isInstanceOf(specClass);
		assertThat(spec.type()).isEqualTo(specClass.getAnnotation(JsonTypeName.class).value());
		Schedule schedule = spec.toSchedule(50);
		assertThat(LongStream.range(0, 3000).mapToDouble(schedule::lr).boxed()).allMatch(lr -> lr >= 0 && lr <= 1);
	}

	@ParameterizedTest
	@MethodSource("specClasses")
	void everyExampleWritesItsTypeOnceAndReadsBackEqual(Class<? extends ScheduleSpec> specClass) {
		ScheduleSpec spec = read(Examples.exampleOf(specClass));
		String json = MAPPER.writeValueAsString(spec);
		// every object in the examples is a schedule, and each carries exactly one type
		assertThat(occurrences(json, "\"type\"")).isEqualTo(occurrences(json, "{"));
		assertThat(read(json)).isEqualTo(spec);
	}

	@Test
	void camelCaseFieldsLikeTMaxT0AndTMultKeepTheirSpelling() {
		CosineRestartsSpec restarts = (CosineRestartsSpec) read("""
				{"type": "cosine_restarts", "lr": 0.1, "t0": 10, "tMult": 2}""");
		assertThat(restarts.t0()).isEqualTo(10);
		assertThat(restarts.tMult()).isEqualTo(2);
		assertThat(MAPPER.writeValueAsString(restarts)).contains("\"t0\":10", "\"tMult\":2");
		CosineSpec cosine = (CosineSpec) read("""
				{"type": "cosine", "lr": 0.1, "tMax": 100}""");
		assertThat(cosine.tMax()).isEqualTo(100);
		assertThat(MAPPER.writeValueAsString(cosine)).contains("\"tMax\":100");
	}

	@Test
	void absentFieldsTakeTheirSpecDefaults() {
		assertThat(read("""
				{"type": "cyclic", "baseLr": 0.001, "maxLr": 0.01}"""))
			.isEqualTo(new CyclicSpec(0.001, 0.01, 2000, 2000, "triangular", 1.0, false, 0.8, 0.9, "iteration"));
		assertThat(((CyclicSpec) read("""
				{"type": "cyclic", "baseLr": 0.001, "maxLr": 0.01, "stepSizeUp": 500}""")).stepSizeDown())
			.isEqualTo(500);
		assertThat(read("""
				{"type": "one_cycle", "maxLr": 0.1, "totalSteps": 100}"""))
			.isEqualTo(new OneCycleSpec(0.1, 100, 0.3, "cos", 25.0, 1e4, false, false, 0.85, 0.95, "iteration"));
		assertThat(read("""
				{"type": "plateau", "lr": 0.1}"""))
			.isEqualTo(new PlateauSpec(0.1, "min", 0.1, 10, 1e-4, "rel", 0, 0.0, 1e-8, "iteration"));
	}

	@Test
	void anUnknownTypeFailsDeserialisationListingTheKnownTypes() {
		assertThatThrownBy(() -> read("""
				{"type": "cosine_annealing", "lr": 0.1}""")).isInstanceOf(InvalidTypeIdException.class)
			.hasMessageContaining("cosine_annealing")
			.hasMessageContaining("cosine_restarts");
		assertThatThrownBy(() -> read("""
				{"lr": 0.1}""")).isInstanceOf(InvalidTypeIdException.class).hasMessageContaining("type");
	}

	@Test
	void anUnknownFieldFailsDeserialisationEvenWhenNested() {
		assertThatThrownBy(() -> read("""
				{"type": "step", "lr": 0.1, "stepsize": 30}""")).isInstanceOfSatisfying(
						UnrecognizedPropertyException.class,
						ex -> assertThat(ex.getPropertyName()).isEqualTo("stepsize"));
		assertThatThrownBy(() -> read("""
				{"type": "warmup", "warmupSteps": 10, "then": {"type": "cosine", "lr": 0.1, "tMax": 9, "t_max": 9}}"""))
			.isInstanceOfSatisfying(UnrecognizedPropertyException.class, ex -> {
				assertThat(ex.getPropertyName()).isEqualTo("t_max");
				assertThat(ex.getPathReference()).contains("then");
			});
	}

	@Test
	void anUnknownOptionNamesTheFieldAndTheAllowedValues() {
		assertRejected("""
				{"type": "cyclic", "baseLr": 0.001, "maxLr": 0.01, "mode": "Triangular2"}""", "mode",
				"triangular, triangular2, exp_range", "Triangular2");
		assertRejected("""
				{"type": "one_cycle", "maxLr": 0.1, "totalSteps": 100, "anneal": "cosine"}""", "anneal", "cos, linear");
		assertRejected("""
				{"type": "plateau", "lr": 0.1, "mode": "minimum"}""", "mode", "min, max");
		assertRejected("""
				{"type": "plateau", "lr": 0.1, "thresholdMode": "relative"}""", "thresholdMode", "rel, abs");
		assertRejected("""
				{"type": "constant", "lr": 0.1, "interval": "epochs"}""", "interval", "iteration, epoch");
	}

	@Test
	void outOfRangeParametersNameTheField() {
		assertRejected("""
				{"type": "multistep", "lr": 0.1, "milestones": [80, 30]}""", "milestones", "strictly increasing");
		assertRejected("""
				{"type": "cyclic", "baseLr": 0.1, "maxLr": 0.01}""", "maxLr", "baseLr");
		assertRejected("""
				{"type": "step", "lr": -0.1, "stepSize": 10}""", "lr");
		assertRejected("""
				{"type": "step", "lr": 0.1}""", "stepSize", "required");
		assertRejected("""
				{"type": "piecewise", "boundaries": [10], "values": [0.1, null]}""", "values[1]", "required");
	}

	@Test
	void nestedErrorsNameTheFullPath() {
		assertRejected("""
				{"type": "warmup", "warmupSteps": 10, "then": {"type": "cosine", "lr": 0.1, "tMax": 0}}""", "then.tMax");
		assertRejected("""
				{"type": "sequential", "milestones": [10],
				 "schedules": [{"type": "constant", "lr": 0.1}, {"type": "step", "lr": 0.1, "stepSize": 0}]}""",
				"schedules[1].stepSize");
		assertRejected("""
				{"type": "sequential", "milestones": [],
				 "schedules": [{"type": "warmup", "warmupSteps": 5,
				                "then": {"type": "cyclic", "baseLr": 0.1, "maxLr": 1, "mode": "sine"}}]}""",
				"schedules[0].then.mode", "triangular2");
		assertRejected("""
				{"type": "warmup", "warmupSteps": 10}""", "then", "required");
		assertRejected("""
				{"type": "warmup", "warmupSteps": 10, "then": {"type": "warmup", "warmupSteps": 5}}""", "then.then",
				"required");
		assertRejected("""
				{"type": "sequential", "milestones": [], "schedules": [null]}""", "schedules[0]", "required");
	}

	@Test
	void intervalEpochMakesTheScheduleCountEpochsWhileNestedSchedulesKeepTheirOwn() {
		Schedule step = read("""
				{"type": "step", "lr": 1, "gamma": 0.5, "stepSize": 2, "interval": "epoch"}""").toSchedule(5);
		assertThat(step.lr(9)).isEqualTo(1);
		assertThat(step.lr(10)).isEqualTo(0.5);

		// a 2-epoch ramp of 3 iterations each, then a cosine counted in iterations
		Schedule warmup = read("""
				{"type": "warmup", "warmupSteps": 2, "interval": "epoch",
				 "then": {"type": "cosine", "lr": 1, "tMax": 4}}""").toSchedule(3);
		assertThat(LongStream.range(0, 7).mapToDouble(warmup::lr).toArray()).containsExactly(0, 0, 0, 0.5, 0.5, 0.5, 1);
		assertThat(warmup.lr(8)).isCloseTo(0.5, within(1e-15));
		assertThat(warmup.lr(10)).isCloseTo(0, within(1e-15));
	}

	@Test
	void listsInASpecCannotBeChangedAfterwards() {
		MultiStepSpec spec = (MultiStepSpec) read("""
				{"type": "multistep", "lr": 0.1, "milestones": [30, 80]}""");
		assertThatThrownBy(() -> spec.milestones().add(90)).isInstanceOf(UnsupportedOperationException.class);
	}

}
