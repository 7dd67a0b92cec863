package dev.lrtune.schedule;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every schedule type with its formula, parameters and an example, for {@code GET /api/v1/schedules}.
 *
 * <p>Read from the spec records themselves, so the catalogue and the OpenAPI document cannot disagree: the
 * description and the example are the record's {@code @Schema}, each parameter is a record component (required when
 * {@code @NotNull}/{@code @NotEmpty}, its default the record's {@code DEFAULT_…} constant as given to
 * {@code @Schema(defaultValue)}). Only the formulas are written here.
 */
@Component
public class ScheduleCatalog {

	private static final JsonMapper EXAMPLES = JsonMapper.builder().build();

	private final List<ScheduleType> types = List.of(
			describe(ConstantSpec.class, "lr"),
			describe(StepSpec.class, "lr·gamma^⌊k/stepSize⌋"),
			describe(MultiStepSpec.class, "lr·gamma^n, n = number of milestones <= k"),
			describe(ExponentialSpec.class,
					"lr·decayRate^(k/decaySteps); with staircase lr·decayRate^⌊k/decaySteps⌋"),
			describe(LinearSpec.class,
					"(1 − k/decaySteps)·lr + (k/decaySteps)·finalLr for k < decaySteps, finalLr after"),
			describe(PolynomialSpec.class, "(lr − finalLr)·(1 − min(k, decaySteps)/decaySteps)^power + finalLr; "
					+ "with cycle: (lr − finalLr)·(1 − k/d)^power + finalLr, d = decaySteps·max(1, ⌈k/decaySteps⌉)"),
			describe(InverseTimeSpec.class,
					"lr / (1 + decayRate·k/decaySteps); with staircase lr / (1 + decayRate·⌊k/decaySteps⌋)"),
			describe(CosineSpec.class, "minLr + (lr − minLr)·(1 + cos(π·k/tMax))/2"),
			describe(CosineRestartsSpec.class, "minLr + (lr − minLr)·(1 + cos(π·T_cur/T_i))/2, where cycle i "
					+ "lasts T_i = t0·tMult^i steps and T_cur counts the steps since it began"),
			describe(CyclicSpec.class, "with T = stepSizeUp + stepSizeDown, r = stepSizeUp/T, "
					+ "cycle = ⌊1 + k/T⌋, x = 1 + k/T − cycle, s = x/r if x <= r else (x − 1)/(r − 1): "
					+ "baseLr + (maxLr − baseLr)·s·f, f = 1 (triangular), 1/2^(cycle − 1) (triangular2), "
					+ "gamma^k (exp_range); momentum maxMomentum − (maxMomentum − baseMomentum)·s·f"),
			describe(OneCycleSpec.class, "phases ending at steps pctStart·totalSteps − 1 and totalSteps − 1 go "
					+ "maxLr/divFactor → maxLr → maxLr/(divFactor·finalDivFactor) (threePhase: ends at "
					+ "pctStart·totalSteps − 1, 2·pctStart·totalSteps − 2, totalSteps − 1, going "
					+ "initial → maxLr → initial → min); in a phase from start to end, pct = (k − previous end)/"
					+ "(end − previous end), cos: end + (start − end)/2·(cos(π·pct) + 1), linear: "
					+ "start + (end − start)·pct; the last value is held from totalSteps on; momentum "
					+ "maxMomentum → baseMomentum → maxMomentum"),
			describe(PlateauSpec.class, "lr until the metric has failed to improve (by threshold) for more than "
					+ "patience evaluations, then max(lr·factor, minLr), and so on, ignoring the cooldown "
					+ "evaluations after each reduction"),
			describe(PiecewiseSpec.class,
					"values[i] for boundaries[i − 1] < k <= boundaries[i]; the last value for k > the last boundary"),
			describe(WarmupSpec.class, "then.lr(0)·(startFactor + (1 − startFactor)·k/warmupSteps) for "
					+ "k < warmupSteps, then.lr(k − warmupSteps) after"),
			describe(SequentialSpec.class,
					"schedules[i].lr(k − milestones[i − 1]) for milestones[i − 1] <= k < milestones[i]"));

	/** Every schedule type: constant, the decays, the cyclic ones, plateau, piecewise, then the compositions. */
	public List<ScheduleType> all() {
		return types;
	}

	private static ScheduleType describe(Class<? extends ScheduleSpec> spec, String formula) {
		Schema doc = spec.getAnnotation(Schema.class);
		ScheduleSpec example = EXAMPLES.readValue(doc.example(), ScheduleSpec.class);
		List<ScheduleType.Parameter> parameters = Arrays.stream(spec.getRecordComponents())
			.map(ScheduleCatalog::parameter)
			.toList();
		return new ScheduleType(example.type(), doc.description(), formula, parameters, example);
	}

	private static ScheduleType.Parameter parameter(RecordComponent component) {
		Schema doc = component.getAccessor().getAnnotation(Schema.class);
		boolean required = component.getAccessor().isAnnotationPresent(NotNull.class)
				|| component.getAccessor().isAnnotationPresent(NotEmpty.class);
		List<String> allowed = doc.allowableValues().length == 0 ? null : List.of(doc.allowableValues());
		return new ScheduleType.Parameter(component.getName(), typeName(component.getGenericType()), required,
				defaultValue(component.getType(), doc.defaultValue()), doc.description(), allowed);
	}

	private static String typeName(Type type) {
		if (type instanceof ParameterizedType list) {
			return typeName(list.getActualTypeArguments()[0]) + "[]";
		}
		if (type == Double.class) {
			return "number";
		}
		if (type == Integer.class) {
			return "integer";
		}
		if (type == Boolean.class) {
			return "boolean";
		}
		if (type == ScheduleSpec.class) {
			return "schedule";
		}
		return "string";
	}

	private static Object defaultValue(Class<?> type, String text) {
		if (text.isEmpty()) {
			return null;
		}
		if (type == Double.class) {
			return Double.valueOf(text);
		}
		if (type == Integer.class) {
			return Integer.valueOf(text);
		}
		if (type == Boolean.class) {
			return Boolean.valueOf(text);
		}
		return text;
	}

}
