package dev.lrtune.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;

/**
 * The properties answers write as {@code null}, typed so in the document (OpenAPI 3.1: {@code "null"} among the
 * types; a reference becomes {@code anyOf} the reference and {@code null}), so that a client generated for a strictly
 * typed language reads them. Listed here rather than on each record because several of these records live in the
 * core, which knows nothing of OpenAPI, and because springdoc writes a {@code $ref} property without room for a type.
 * A name ending in {@code []} means the array's items. The end-to-end tests validate every answer against the
 * document, so a null missing here fails the build.
 */
final class NullableProperties {

	private static final Map<String, Set<String>> NULLABLE = Map.of(
			"Job", Set.of("startedAt", "finishedAt", "result", "error", "worker", "name", "params", "lrPlan"),
			"JobResult", Set.of("finalLoss", "bestLoss", "validationLoss", "validationAccuracy"),
			"Study", Set.of("finishedAt", "best", "error"),
			"PointsAnswer", Set.of("reason"),
			"Recommendation", Set.of("indices", "spread"),
			"Spreads", Set.of("steepest", "valley"),
			"Validation", Set.of("loss[]", "accuracy[]"),
			"ScheduleParameter", Set.of("default", "allowedValues"));

	private NullableProperties() {
	}

	@SuppressWarnings("rawtypes")
	static void apply(OpenAPI openApi) {
		Map<String, Schema> schemas = openApi.getComponents() == null ? null : openApi.getComponents().getSchemas();
		if (schemas == null) {
			return;
		}
		NULLABLE.forEach((name, properties) -> {
			Schema<?> schema = schemas.get(name);
			if (schema == null || schema.getProperties() == null) {
				return;
			}
			for (String property : properties) {
				boolean items = property.endsWith("[]");
				String key = items ? property.substring(0, property.length() - 2) : property;
				Schema<?> target = schema.getProperties().get(key);
				if (target == null) {
					continue;
				}
				if (items) {
					if (target.getItems() != null) {
						target.setItems(nullable(target.getItems()));
					}
				}
				else {
					schema.getProperties().put(key, nullable(target));
				}
			}
		});
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	static Schema nullable(Schema<?> schema) {
		if (schema.get$ref() != null) {
			Schema reference = new JsonSchema().$ref(schema.get$ref());
			JsonSchema either = new JsonSchema();
			either.setAnyOf(new ArrayList<>(List.of(reference, new JsonSchema().types(Set.of("null")))));
			String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
			either.setDescription(schema.getDescription() != null ? schema.getDescription()
					: "A " + name + "; null when there is none.");
			return either;
		}
		if (schema.getEnum() != null && !schema.getEnum().contains(null)) {
			// JSON Schema checks an enum against null too: a nullable choice lists it
			List<Object> choices = new ArrayList<>(schema.getEnum());
			choices.add(null);
			((Schema) schema).setEnum(choices);
		}
		if (schema.getTypes() != null && !schema.getTypes().isEmpty()) {
			schema.addType("null");
		}
		else if (schema.getType() != null) {
			schema.setTypes(new java.util.LinkedHashSet<>(List.of(schema.getType(), "null")));
		}
		return schema;
	}

}
