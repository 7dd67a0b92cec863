package dev.lrtune.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

import dev.lrtune.core.rangetest.AnalysisWarning;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;

/**
 * Descriptions for the schemas of {@code dev.lrtune.core.rangetest.Recommendation} and its parts (and of an lr_search's
 * {@code dev.lrtune.core.search.Evidence}), which the core cannot
 * annotate (it stays free of swagger, see {@code ArchitectureTests}); the words are those of the records' javadoc.
 * The suggestions that can be undefined are typed {@code number | null}.
 */
@Component
class RecommendationSchemas implements OpenApiCustomizer {

	private static final Map<String, String> SCHEMAS = Map.of(
			"Recommendation", "What a range test suggests; every lr is read off the smoothed curve.",
			"Suggestions", "The four suggestions: fastai's lr_find suggestion functions, plus one order of magnitude below divergence.",
			"CyclicBounds", "Bounds for a cyclic schedule, after Smith (2015): maxLr where the loss stops falling, baseLr = maxLr / 4.",
			"Indices", "Where on the submitted curve the suggestions lie (point indices), for plots.",
			"Spreads", "With repeats: each suggestion's median, range and per-run values.",
			"Spread", "One suggestion over the repeats.",
			"Warning", "A reason not to trust the answer as it is, with what to do about it.",
			"Evidence", "What an lr_search's race measured of one rate, at the furthest rung it reached.");

	private static final Map<String, Map<String, String>> PROPERTIES = Map.of(
			"Recommendation", Map.of(
					"recommendedLr", "The lr the rule named by method gives; null when the curve defines none (warnings say why)",
					"method", "How recommendedLr was chosen: minimum_valley (the geometric mean of minimum and valley), "
							+ "minimum when the curve has no valley, search for an lr_search's measured rate; for repeats, "
							+ "the method most runs chose; null with recommendedLr",
					"suggestions", "All four suggestions",
					"warnings", "Why the answer may not be trusted as it is (no_divergence, flat, noisy, min_at_start); "
							+ "empty when nothing is suspicious",
					"minLossLr", "The lr at the lowest smoothed loss",
					"divergenceLr", "The lr where the loss starts rising for good; null when it never does",
					"cyclicBounds", "Bounds for a cyclic schedule",
					"indices", "Where the suggestions lie on the curve; absent for an aggregate of several runs",
					"spread", "With repeats, each suggestion's median, range and per-run values; absent for a single run"),
			"Suggestions", Map.of(
					"minimum", "The lr at the lowest smoothed loss, divided by 10 (fastai minimum); null when the lowest "
							+ "point is the first or the loss is flat",
					"steepest", "The lr where the smoothed loss falls fastest against log(lr) (fastai steep); null when it never falls",
					"valley", "fastai's valley; null when the curve has no decrease to speak of",
					"divergence", "The lr where the loss starts rising for good, divided by 10; null when it never does"),
			"CyclicBounds", Map.of("baseLr", "Lower bound: maxLr / 4", "maxLr", "Upper bound: the lr at the lowest smoothed loss"),
			"Indices", Map.of(
					"first", "First point analysed (after skipStart)", "last", "Last point analysed",
					"minimum", "Point of the lowest smoothed loss", "steepest", "Point of the steepest descent; null when undefined",
					"valley", "Point of the valley; null when undefined", "divergence", "Point from which the loss stays risen for good; null when it never does"),
			"Spreads", Map.of("minimum", "Spread of minimum", "steepest", "Spread of steepest; absent when undefined",
					"valley", "Spread of valley; absent when undefined", "divergence", "Spread of divergence"),
			"Evidence", Map.of("lr", "The rate (a schedule family's peak rate)",
					"validationLoss", "The objective's validation loss there; null when the run diverged",
					"lossIteration", "The iteration of that run, from 0, where that loss was measured; null when it diverged",
					"rung", "The furthest rung it trained, from 0", "iterations", "Iterations it trained at that rung",
					"pruned", "Successive halving stopped it before the last rung"),
			"Warning", Map.of("code", "no_divergence, flat, noisy or min_at_start; all_diverged for an lr_search whose "
					+ "race measured no rate",
					"message", "What it means and what to do about it"),
			"Spread", Map.of("median", "Median over the runs (geometric mean of the middle two for an even count)",
					"min", "Smallest over the runs", "max", "Largest over the runs", "values", "Each run's value, in seed order"));

	private static final Map<String, Set<String>> NULLABLE = Map.of(
			"Recommendation", Set.of("recommendedLr", "method", "divergenceLr"),
			"Suggestions", Set.of("minimum", "steepest", "valley", "divergence"),
			"Indices", Set.of("steepest", "valley", "divergence"),
			"Evidence", Set.of("validationLoss", "lossIteration"));

	/** The range test's warnings, and the one an lr_search adds when its race measured no rate. */
	private static final List<String> WARNING_CODES = Stream.concat(
			Arrays.stream(AnalysisWarning.values()).map(AnalysisWarning::code), Stream.of("all_diverged"))
		.toList();

	@Override
	@SuppressWarnings({ "rawtypes", "unchecked" })
	public void customise(OpenAPI openApi) {
		Map<String, Schema> schemas = openApi.getComponents() == null ? null : openApi.getComponents().getSchemas();
		if (schemas == null) {
			return;
		}
		Schema<?> warning = schemas.get("Warning");
		Schema code = warning == null || warning.getProperties() == null ? null : warning.getProperties().get("code");
		if (code != null) {
			code.setEnum(new ArrayList<>(WARNING_CODES));
		}
		SCHEMAS.forEach((name, description) -> {
			Schema<?> schema = schemas.get(name);
			if (schema == null) {
				return;
			}
			schema.setDescription(description);
			Map<String, Schema> properties = schema.getProperties();
			PROPERTIES.getOrDefault(name, Map.of()).forEach((property, text) -> {
				Schema<?> target = properties == null ? null : properties.get(property);
				if (target == null) {
					return;
				}
				if (target.get$ref() != null) {
					// a description beside a $ref is allowed in 3.1, but generators ignore it: keep the $ref alone
					return;
				}
				target.setDescription(text);
				if (NULLABLE.getOrDefault(name, Set.of()).contains(property) && target.getTypes() != null) {
					target.addType("null");
				}
			});
		});
	}

}
