package dev.lrtune.schedule;

import static dev.lrtune.schedule.Examples.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonTypeName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.lrtune.core.schedule.Choices;
import dev.lrtune.core.schedule.CyclicSchedule;
import dev.lrtune.core.schedule.Interval;
import dev.lrtune.core.schedule.OneCycleSchedule;
import dev.lrtune.core.schedule.PlateauSchedule;

class ScheduleCatalogTests {

	private final List<ScheduleType> all = new ScheduleCatalog().all();

	private ScheduleType type(String name) {
		return all.stream().filter(t -> t.type().equals(name)).findFirst().orElseThrow();
	}

	private static Map<String, ScheduleType.Parameter> parameters(ScheduleType type) {
		return type.parameters()
			.stream()
			.collect(Collectors.toMap(ScheduleType.Parameter::name, Function.identity()));
	}

	@Test
	void listsEveryTypeOnceInTheOrderOfTheSpec() {
		assertThat(all).extracting(ScheduleType::type)
			.containsExactly("constant", "step", "multistep", "exponential", "linear", "polynomial", "inverse_time",
					"cosine", "cosine_restarts", "cyclic", "one_cycle", "plateau", "piecewise", "warmup", "sequential")
			.containsExactlyInAnyOrderElementsOf(
					Examples.specClasses().map(c -> c.getAnnotation(JsonTypeName.class).value()).toList());
		assertThat(all).allSatisfy(type -> {
			assertThat(type.description()).isNotBlank();
			assertThat(type.formula()).isNotBlank();
			assertThat(type.parameters()).allSatisfy(p -> assertThat(p.description()).isNotBlank());
		});
	}

	@Test
	void everyExampleIsOfItsTypeAndBuilds() {
		assertThat(all).allSatisfy(type -> {
			assertThat(type.example().type()).isEqualTo(type.type());
			assertThat(type.example().toSchedule(10).lr(0)).isFinite();
		});
	}

	@Test
	void parametersAreTheFieldsOfTheRecordWithRequiredFlags() {
		Map<String, ScheduleType.Parameter> cyclic = parameters(type("cyclic"));
		assertThat(cyclic.keySet()).containsExactlyInAnyOrder("baseLr", "maxLr", "stepSizeUp", "stepSizeDown", "mode",
				"gamma", "cycleMomentum", "baseMomentum", "maxMomentum", "interval");
		assertThat(cyclic.get("baseLr").required()).isTrue();
		assertThat(cyclic.get("stepSizeUp").required()).isFalse();
		assertThat(cyclic.get("stepSizeUp").type()).isEqualTo("integer");
		assertThat(parameters(type("sequential")).get("schedules").type()).isEqualTo("schedule[]");
		assertThat(parameters(type("warmup")).get("then").type()).isEqualTo("schedule");
		assertThat(parameters(type("piecewise")).get("values").type()).isEqualTo("number[]");
	}

	@Test
	void defaultsAreTheRecordsConstants() {
		assertThat(parameters(type("step")).get("gamma").defaultValue()).isEqualTo(StepSpec.DEFAULT_GAMMA);
		assertThat(parameters(type("cyclic")).get("baseMomentum").defaultValue()).isEqualTo(0.8);
		assertThat(parameters(type("one_cycle")).get("baseMomentum").defaultValue()).isEqualTo(0.85);
		assertThat(parameters(type("one_cycle")).get("finalDivFactor").defaultValue()).isEqualTo(1e4);
		assertThat(parameters(type("plateau")).get("patience").defaultValue()).isEqualTo(10);
		assertThat(parameters(type("plateau")).get("eps").defaultValue()).isEqualTo(1e-8);
		assertThat(parameters(type("exponential")).get("staircase").defaultValue()).isEqualTo(false);
		assertThat(parameters(type("cyclic")).get("stepSizeDown").defaultValue()).isNull();
	}

	@Test
	void everyDocumentedDefaultIsWhatTheRecordFillsInWhenTheFieldIsAbsent() {
		for (ScheduleType type : all) {
			for (ScheduleType.Parameter parameter : type.parameters()) {
				if (parameter.defaultValue() == null) {
					assertThat(parameter.required() || parameter.name().equals("stepSizeDown"))
						.as("%s.%s has neither a default nor is required", type.type(), parameter.name())
						.isTrue();
					continue;
				}
				ObjectNode json = (ObjectNode) MAPPER.valueToTree(type.example());
				json.remove(parameter.name());
				JsonNode filledIn = MAPPER.valueToTree(MAPPER.treeToValue(json, ScheduleSpec.class))
					.get(parameter.name());
				assertThat(filledIn).as("%s.%s", type.type(), parameter.name())
					.isEqualTo(MAPPER.valueToTree(parameter.defaultValue()));
			}
		}
	}

	@Test
	void optionsListTheValuesTheCoreAccepts() {
		assertThat(parameters(type("cyclic")).get("mode").allowedValues())
			.isEqualTo(Choices.names(CyclicSchedule.Mode.class));
		assertThat(parameters(type("one_cycle")).get("anneal").allowedValues())
			.isEqualTo(Choices.names(OneCycleSchedule.Anneal.class));
		assertThat(parameters(type("plateau")).get("mode").allowedValues())
			.isEqualTo(Choices.names(PlateauSchedule.Mode.class));
		assertThat(parameters(type("plateau")).get("thresholdMode").allowedValues())
			.isEqualTo(Choices.names(PlateauSchedule.ThresholdMode.class));
		assertThat(all).allSatisfy(type -> assertThat(parameters(type).get("interval").allowedValues())
			.isEqualTo(Choices.names(Interval.class)));
		assertThat(parameters(type("step")).get("lr").allowedValues()).isNull();
	}

	@Test
	void servesAsJsonWithADefaultFieldAndTypedExamples() {
		JsonNode json = MAPPER.valueToTree(all);
		JsonNode gamma = json.get(1).get("parameters").get(1);
		assertThat(gamma.get("name").asString()).isEqualTo("gamma");
		assertThat(gamma.get("default").asDouble()).isEqualTo(0.1);
		assertThat(json.get(1).get("example").get("type").asString()).isEqualTo("step");
		assertThat(json.get(13).get("example").get("then").get("type").asString()).isEqualTo("cosine");
	}

}
