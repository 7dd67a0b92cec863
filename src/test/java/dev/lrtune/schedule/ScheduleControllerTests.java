package dev.lrtune.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.ResultMatcher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.lrtune.ApiSlice;

/**
 * The schedule endpoints over MockMvc. Expected rates are the hand-derived tables of the core schedule tests
 * ({@code dev.lrtune.core.schedule}), so a preview is checked against values worked out without the code under test.
 */
@ApiSlice
class ScheduleControllerTests {

	static final int CAP = ApiSlice.MAX_PREVIEW_STEPS;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** (1 + cos(π/4))/2: a quarter of the way through a cosine annealing from 1 to 0. */
	private static final double QUARTER = (2 + Math.sqrt(2)) / 4;

	@Autowired
	private MockMvc mvc;

	private ResultActions preview(String body) throws Exception {
		return mvc.perform(post("/api/v1/schedules/preview").contentType(MediaType.APPLICATION_JSON).content(body));
	}

	private double[] lr(String body) throws Exception {
		return JSON.treeToValue(ok(body).get("lr"), double[].class);
	}

	private JsonNode ok(String body) throws Exception {
		return JSON.readTree(preview(body).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
	}

	/** {@code actual} equals {@code expected} to 12 significant digits, with nulls in the same places. */
	private static void assertClose(Double[] actual, Double... expected) {
		assertThat(actual).hasSameSizeAs(expected);
		for (int k = 0; k < expected.length; k++) {
			if (expected[k] == null) {
				assertThat(actual[k]).as("step %d", k).isNull();
			}
			else {
				assertThat(actual[k]).as("step %d", k).isCloseTo(expected[k], within(1e-12 * Math.max(Math.abs(expected[k]), 1e-9)));
			}
		}
	}

	/** A 400 problem detail whose first error names {@code field}, in words a client can act on. */
	private static ResultMatcher problemNaming(String field, String... messageParts) {
		Matcher<String> plainWords = allOf(not(containsString("java.")), not(containsString("`")),
				not(containsString("Exception")), not(containsString("jackson")));
		return result -> {
			status().isBadRequest().match(result);
			content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON).match(result);
			jsonPath("$.status").value(400).match(result);
			jsonPath("$.title").value("Invalid request").match(result);
			jsonPath("$.detail", allOf(containsString(field), plainWords)).match(result);
			jsonPath("$.errors[0].field").value(field).match(result);
			jsonPath("$.errors[0].message", plainWords).match(result);
			for (String part : messageParts) {
				jsonPath("$.errors[0].message", containsString(part)).match(result);
			}
		};
	}

	static Stream<Arguments> handTables() {
		return Stream.of(
				Arguments.of("constant", """
						{"type": "constant", "lr": 0.01}""", null, new double[] { 0.01, 0.01, 0.01 }),
				Arguments.of("step", """
						{"type": "step", "lr": 0.1, "gamma": 0.5, "stepSize": 3}""", null,
						new double[] { 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.0125 }),
				Arguments.of("multistep", """
						{"type": "multistep", "lr": 1, "gamma": 0.1, "milestones": [2, 5]}""", null,
						new double[] { 1, 1, 0.1, 0.1, 0.1, 0.01, 0.01 }),
				Arguments.of("exponential", """
						{"type": "exponential", "lr": 0.1, "decayRate": 0.5, "decaySteps": 4}""", null,
						new double[] { 0.1, 0.1 * Math.pow(2, -0.25), 0.1 * Math.sqrt(0.5), 0.1 * Math.pow(2, -0.75),
								0.05 }),
				Arguments.of("linear", """
						{"type": "linear", "lr": 0.1, "finalLr": 0.01, "decaySteps": 10}""", null,
						new double[] { 0.1, 0.091, 0.082, 0.073, 0.064, 0.055, 0.046, 0.037, 0.028, 0.019, 0.01, 0.01 }),
				Arguments.of("polynomial", """
						{"type": "polynomial", "lr": 0.1, "finalLr": 0.01, "decaySteps": 10, "power": 2}""", null,
						new double[] { 0.1, 0.0829, 0.0676, 0.0541, 0.0424, 0.0325, 0.0244, 0.0181, 0.0136, 0.0109,
								0.01, 0.01 }),
				Arguments.of("inverse_time", """
						{"type": "inverse_time", "lr": 0.1, "decayRate": 0.5, "decaySteps": 2}""", null,
						new double[] { 0.1, 0.08, 0.1 / 1.5, 0.1 / 1.75, 0.05 }),
				Arguments.of("cosine", """
						{"type": "cosine", "lr": 1, "tMax": 4}""", null, new double[] { 1, QUARTER, 0.5, 1 - QUARTER, 0 }),
				Arguments.of("cosine_restarts", """
						{"type": "cosine_restarts", "lr": 1, "t0": 2, "tMult": 2}""", null,
						new double[] { 1, 0.5, 1, QUARTER, 0.5, 1 - QUARTER, 1 }),
				Arguments.of("cyclic", """
						{"type": "cyclic", "baseLr": 1, "maxLr": 4, "stepSizeUp": 2, "stepSizeDown": 4}""", null,
						new double[] { 1, 2.5, 4, 3.25, 2.5, 1.75, 1, 2.5, 4 }),
				Arguments.of("one_cycle", """
						{"type": "one_cycle", "maxLr": 1, "totalSteps": 10}""", null,
						new double[] { 0.04, 0.52, 1, 0.9504846320134737, 0.8117456539497631, 0.6112620219362893,
								0.38874197806371075, 0.18825834605023697, 0.049519367986526286, 4e-6, 4e-6 }),
				Arguments.of("plateau", """
						{"type": "plateau", "lr": 1, "factor": 0.5, "patience": 2}""", "[10, 9, 9, 9, 9, 8.9, 8.8]",
						new double[] { 1, 1, 1, 1, 1, 0.5, 0.5 }),
				Arguments.of("piecewise", """
						{"type": "piecewise", "boundaries": [2, 5], "values": [1, 0.5, 0.1]}""", null,
						new double[] { 1, 1, 1, 0.5, 0.5, 0.5, 0.1, 0.1 }),
				Arguments.of("warmup", """
						{"type": "warmup", "warmupSteps": 4, "then": {"type": "cosine", "lr": 1, "tMax": 4}}""", null,
						new double[] { 0, 0.25, 0.5, 0.75, 1, QUARTER, 0.5, 1 - QUARTER, 0 }),
				Arguments.of("sequential", """
						{"type": "sequential", "milestones": [3, 7],
						 "schedules": [{"type": "constant", "lr": 0.1}, {"type": "step", "lr": 1, "gamma": 0.5, "stepSize": 2},
						               {"type": "linear", "lr": 0.2, "finalLr": 0, "decaySteps": 2}]}""", null,
						new double[] { 0.1, 0.1, 0.1, 1, 1, 0.5, 0.5, 0.2, 0.1, 0, 0 }));
	}

	@Test
	void whenListingSchedulesThenEveryTypeComesWithItsParametersDefaultsAndAnExample() throws Exception {
		mvc.perform(get("/api/v1/schedules"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$", hasSize(15)))
			.andExpect(jsonPath("$[*].type", equalTo(List.of("constant", "step", "multistep", "exponential", "linear",
					"polynomial", "inverse_time", "cosine", "cosine_restarts", "cyclic", "one_cycle", "plateau",
					"piecewise", "warmup", "sequential"))))
			.andExpect(jsonPath("$[1].parameters[?(@.name == 'gamma')].default").value(0.1))
			.andExpect(jsonPath("$[1].parameters[?(@.name == 'stepSize')].required").value(true))
			.andExpect(jsonPath("$[9].parameters[?(@.name == 'mode')].allowedValues[*]",
					equalTo(List.of("triangular", "triangular2", "exp_range"))))
			.andExpect(jsonPath("$[11].parameters[?(@.name == 'patience')].default").value(10))
			.andExpect(jsonPath("$[13].example.then.type").value("cosine"))
			.andExpect(jsonPath("$[*].formula", everyItem(not(emptyOrNullString()))));
	}

	@Test
	void theHandTablesCoverEveryScheduleType() {
		assertThat(handTables().map(arguments -> (String) arguments.get()[0]))
			.containsExactlyElementsOf(new ScheduleCatalog().all().stream().map(ScheduleType::type).toList());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("handTables")
	void whenPreviewingAScheduleThenEveryRateEqualsTheHandDerivedValue(String type, String schedule, String metrics,
			double[] expected) throws Exception {
		String body = "{\"schedule\": " + schedule + ", \"steps\": " + expected.length
				+ (metrics == null ? "" : ", \"metrics\": " + metrics) + "}";
		double[] lr = lr(body);
		assertThat(lr).hasSize(expected.length);
		for (int k = 0; k < expected.length; k++) {
			assertThat(lr[k]).as("%s at step %d", type, k)
				.isCloseTo(expected[k], within(1e-12 * Math.max(Math.abs(expected[k]), 1e-9)));
		}
	}

	@Test
	void whenAPlateauIsFedMetricsThenNullEntriesAreStepsWithoutAnEvaluation() throws Exception {
		// patience 0: the first loss improves, every worse one halves the rate from the next step on
		String schedule = """
				{"type": "plateau", "lr": 1, "factor": 0.5, "patience": 0}""";
		assertThat(lr("{\"schedule\": " + schedule + ", \"steps\": 4, \"metrics\": [1, 2, 3, 4]}"))
			.containsExactly(1, 1, 0.5, 0.25);
		assertThat(lr("{\"schedule\": " + schedule + ", \"steps\": 4, \"metrics\": [1, null, 2, null]}"))
			.containsExactly(1, 1, 1, 0.5);
		assertThat(lr("{\"schedule\": " + schedule + ", \"steps\": 4, \"metrics\": [null, null, null, null]}"))
			.containsExactly(1, 1, 1, 1);
	}

	@Test
	void whenTheMetricsChangeFromStepKOnThenTheRatesUpToStepKStayTheSame() throws Exception {
		String schedule = """
				{"type": "plateau", "lr": 1, "factor": 0.5, "patience": 1, "cooldown": 1}""";
		List<Double> metrics = List.of(5.0, 4.0, 4.0, 4.5, 4.2, 3.0, 3.0, 3.1, 3.2, 2.0);
		double[] full = lr("{\"schedule\": " + schedule + ", \"steps\": 10, \"metrics\": " + metrics + "}");
		assertThat(full).contains(0.5); // the trace does reduce, so the comparison below means something
		for (int k = 0; k < metrics.size(); k++) {
			// lr[k] is read before the loss of step k is measured: only metrics[0..k-1] may move it
			int from = k;
			List<Double> changed = IntStream.range(0, metrics.size())
				.mapToObj(i -> i < from ? metrics.get(i) : (Double) 100.0)
				.toList();
			double[] partial = lr("{\"schedule\": " + schedule + ", \"steps\": 10, \"metrics\": " + changed + "}");
			assertThat(Arrays.copyOf(partial, k + 1)).as("rates up to step %d", k).containsExactly(Arrays.copyOf(full, k + 1));
		}
	}

	@Test
	void whenAPlateauHasNoMetricsThenA400NamesMetrics() throws Exception {
		preview("""
				{"schedule": {"type": "plateau", "lr": 0.1}, "steps": 3}""")
			.andExpect(problemNaming("metrics", "3 entries"));
	}

	@Test
	void whenAPlateauHasTheWrongNumberOfMetricsThenA400NamesMetrics() throws Exception {
		preview("""
				{"schedule": {"type": "plateau", "lr": 0.1}, "steps": 3, "metrics": [1, 2]}""")
			.andExpect(problemNaming("metrics", "3 entries", "got 2"));
	}

	@Test
	void whenAPlateauIsNestedThenItStillNeedsMetrics() throws Exception {
		preview("""
				{"schedule": {"type": "warmup", "warmupSteps": 2, "then": {"type": "plateau", "lr": 0.1}}, "steps": 3}""")
			.andExpect(problemNaming("metrics"));
	}

	@Test
	void whenAScheduleIsNotMetricDrivenThenMetricsAreIgnored() throws Exception {
		assertThat(lr("""
				{"schedule": {"type": "constant", "lr": 0.1}, "steps": 2, "metrics": [1]}""")).containsExactly(0.1, 0.1);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, -1 })
	void whenStepsIsNotPositiveThenA400NamesSteps(int steps) throws Exception {
		preview("{\"schedule\": {\"type\": \"constant\", \"lr\": 0.1}, \"steps\": " + steps + "}")
			.andExpect(problemNaming("steps"));
	}

	@Test
	void whenStepsExceedTheCapThenA400NamesStepsAndTheCap() throws Exception {
		preview("{\"schedule\": {\"type\": \"constant\", \"lr\": 0.1}, \"steps\": " + (CAP + 1) + "}")
			.andExpect(problemNaming("steps", "at most " + CAP));
		assertThat(lr("{\"schedule\": {\"type\": \"constant\", \"lr\": 0.1}, \"steps\": " + CAP + "}")).hasSize(CAP);
	}

	@Test
	void whenStepsIsMissingThenA400SaysItIsRequired() throws Exception {
		preview("""
				{"schedule": {"type": "constant", "lr": 0.1}}""").andExpect(problemNaming("steps", "required"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "3.5", "\"ten\"", "99999999999" })
	void whenStepsIsNotAWholeNumberThenA400NamesSteps(String steps) throws Exception {
		preview("{\"schedule\": {\"type\": \"constant\", \"lr\": 0.1}, \"steps\": " + steps + "}")
			.andExpect(problemNaming("steps", "whole number"));
	}

	@Test
	void whenTheScheduleIsMissingThenA400NamesIt() throws Exception {
		preview("""
				{"steps": 3}""").andExpect(problemNaming("schedule", "required"));
	}

	@Test
	void whenTheTypeIsUnknownThenA400NamesScheduleTypeAndListsTheKnownTypes() throws Exception {
		preview("""
				{"schedule": {"type": "cosine_annealing", "lr": 0.1}, "steps": 3}""")
			.andExpect(problemNaming("schedule.type", "cosine_annealing", "constant", "cosine_restarts", "sequential"));
	}

	@Test
	void whenTheTypeIsMissingThenA400SaysScheduleTypeIsRequired() throws Exception {
		preview("""
				{"schedule": {"lr": 0.1}, "steps": 3}""").andExpect(problemNaming("schedule.type", "required", "cosine"));
	}

	@Test
	void whenANestedTypeIsUnknownThenA400NamesItsPath() throws Exception {
		preview("""
				{"schedule": {"type": "sequential", "milestones": [2],
				              "schedules": [{"type": "constant", "lr": 0.1}, {"type": "nope"}]}, "steps": 3}""")
			.andExpect(problemNaming("schedule.schedules[1].type", "nope"));
	}

	@Test
	void whenAScheduleFieldIsUnknownThenA400NamesItAndSuggestsTheRightOne() throws Exception {
		preview("""
				{"schedule": {"type": "step", "lr": 0.1, "stepSzie": 30}, "steps": 3}""")
			.andExpect(problemNaming("schedule.stepSzie", "unknown field", "did you mean 'stepSize'"));
	}

	@Test
	void whenARequestFieldIsUnknownThenA400NamesIt() throws Exception {
		preview("""
				{"schedule": {"type": "constant", "lr": 0.1}, "steps": 3, "metric": [1, 2, 3]}""")
			.andExpect(problemNaming("metric", "unknown field", "metrics"));
	}

	@Test
	void whenMultistepMilestonesAreUnsortedThenA400NamesThem() throws Exception {
		preview("""
				{"schedule": {"type": "multistep", "lr": 0.1, "milestones": [80, 30]}, "steps": 3}""")
			.andExpect(problemNaming("schedule.milestones", "strictly increasing"));
	}

	@Test
	void whenMaxLrIsBelowBaseLrThenA400NamesMaxLr() throws Exception {
		preview("""
				{"schedule": {"type": "cyclic", "baseLr": 0.1, "maxLr": 0.01}, "steps": 3}""")
			.andExpect(problemNaming("schedule.maxLr", "baseLr"));
	}

	@Test
	void whenANestedParameterIsOutOfRangeThenA400NamesItsFullPath() throws Exception {
		preview("""
				{"schedule": {"type": "warmup", "warmupSteps": 10, "then": {"type": "cosine", "lr": 0.1, "tMax": 0}},
				 "steps": 3}""").andExpect(problemNaming("schedule.then.tMax"));
		preview("""
				{"schedule": {"type": "sequential", "milestones": [2],
				              "schedules": [{"type": "constant", "lr": 0.1}, {"type": "step", "lr": 0.1, "stepSize": 0}]},
				 "steps": 3}""").andExpect(problemNaming("schedule.schedules[1].stepSize"));
	}

	@Test
	void whenAnOptionIsUnknownThenA400ListsTheAllowedValues() throws Exception {
		preview("""
				{"schedule": {"type": "cyclic", "baseLr": 0.1, "maxLr": 1, "mode": "sine"}, "steps": 3}""")
			.andExpect(problemNaming("schedule.mode", "triangular, triangular2, exp_range"));
	}

	@Test
	void whenSeveralFieldsAreWrongThenEveryOneIsNamed() throws Exception {
		preview("""
				{"schedule": {"type": "step", "lr": -0.1}, "steps": 3}""")
			.andExpect(problemNaming("schedule.lr"))
			.andExpect(jsonPath("$.errors[*].field", equalTo(List.of("schedule.lr", "schedule.stepSize"))))
			.andExpect(jsonPath("$.detail", containsString("schedule.stepSize: is required")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "NaN", "Infinity", "-Infinity", "1e400" })
	void whenARateIsNotAFiniteNumberThenA400NamesIt(String literal) throws Exception {
		preview("{\"schedule\": {\"type\": \"constant\", \"lr\": " + literal + "}, \"steps\": 3}")
			.andExpect(problemNaming("schedule.lr"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "NaN", "1e400" })
	void whenAMetricIsNotAFiniteNumberThenA400NamesItsIndex(String literal) throws Exception {
		preview("{\"schedule\": {\"type\": \"plateau\", \"lr\": 0.1}, \"steps\": 3, \"metrics\": [1, null, " + literal
				+ "]}").andExpect(problemNaming("metrics[2]", "finite"));
	}

	@Test
	void whenAValueHasTheWrongKindThenA400SaysWhatWasExpected() throws Exception {
		preview("""
				{"schedule": {"type": "constant", "lr": "fast"}, "steps": 3}""")
			.andExpect(problemNaming("schedule.lr", "must be a number, not a string"));
		preview("""
				{"schedule": {"type": "multistep", "lr": 0.1, "milestones": 30}, "steps": 3}""")
			.andExpect(problemNaming("schedule.milestones", "must be an array"));
	}

	@Test
	void whenTheBodyIsNotJsonThenA400GivesTheLineAndColumn() throws Exception {
		preview("""
				{"schedule": {"type": "constant", "lr": 0.1}, "steps": 3""")
			.andExpect(problemNaming("", "not valid JSON at line 1, column"));
		preview("[1, 2]").andExpect(problemNaming("", "the request body must be an object"));
	}

	@Test
	void whenCyclicCyclesMomentumThenThePreviewCarriesItBesideTheRate() throws Exception {
		JsonNode body = ok("""
				{"schedule": {"type": "cyclic", "baseLr": 1, "maxLr": 4, "stepSizeUp": 2, "stepSizeDown": 4,
				              "cycleMomentum": true}, "steps": 7}""");
		assertClose(JSON.treeToValue(body.get("lr"), Double[].class), 1.0, 2.5, 4.0, 3.25, 2.5, 1.75, 1.0);
		assertClose(JSON.treeToValue(body.get("momentum"), Double[].class), 0.9, 0.85, 0.8, 0.825, 0.85, 0.875, 0.9);
	}

	@Test
	void whenTheScheduleLeavesMomentumAloneThenThePreviewHasNoMomentum() throws Exception {
		preview("""
				{"schedule": {"type": "cyclic", "baseLr": 1, "maxLr": 4, "stepSizeUp": 2}, "steps": 3}""")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.momentum").doesNotExist());
	}

	@Test
	void whenOnlyPartOfASequentialCyclesMomentumThenTheOtherStepsHaveNullMomentum() throws Exception {
		JsonNode body = ok("""
				{"schedule": {"type": "sequential", "milestones": [2],
				              "schedules": [{"type": "constant", "lr": 0.1},
				                            {"type": "cyclic", "baseLr": 1, "maxLr": 4, "stepSizeUp": 2, "cycleMomentum": true}]},
				 "steps": 5}""");
		assertClose(JSON.treeToValue(body.get("lr"), Double[].class), 0.1, 0.1, 1.0, 2.5, 4.0);
		assertClose(JSON.treeToValue(body.get("momentum"), Double[].class), null, null, 0.9, 0.85, 0.8);
	}

	@Test
	void whenTheIntervalIsEpochThenTheScheduleStepsOncePerIterationsPerEpoch() throws Exception {
		String schedule = """
				{"type": "step", "lr": 1, "gamma": 0.5, "stepSize": 2, "interval": "epoch"}""";
		double[] lr = lr("{\"schedule\": " + schedule + ", \"steps\": 21, \"iterationsPerEpoch\": 5}");
		assertThat(Arrays.copyOfRange(lr, 0, 10)).containsOnly(1);
		assertThat(Arrays.copyOfRange(lr, 10, 20)).containsOnly(0.5);
		assertThat(lr[20]).isEqualTo(0.25);
		// without iterationsPerEpoch every step is an epoch
		assertThat(lr("{\"schedule\": " + schedule + ", \"steps\": 5}")).containsExactly(1, 1, 0.5, 0.5, 0.25);
	}

	@Test
	void whenIterationsPerEpochIsNotPositiveThenA400NamesIt() throws Exception {
		preview("""
				{"schedule": {"type": "constant", "lr": 0.1, "interval": "epoch"}, "steps": 3, "iterationsPerEpoch": 0}""")
			.andExpect(problemNaming("iterationsPerEpoch"));
	}

	@Test
	void whenTheBodyIsNotJsonTypedThenA415Answers() throws Exception {
		mvc.perform(post("/api/v1/schedules/preview").contentType(MediaType.TEXT_PLAIN).content("cosine"))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

}
