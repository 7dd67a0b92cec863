package dev.lrtune.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Discriminator;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;

/**
 * Corrections to the schemas springdoc derives, so the document validates as OpenAPI 3.1 and says what the API does.
 * <ul>
 * <li>A {@code @Schema(defaultValue = "0.1")} on a number comes out as the string {@code "0.1"}; it becomes the number.
 * <li>A subtype of a {@code oneOf} with a discriminator comes out as {@code allOf: [the base, its own properties]},
 * while the base is {@code oneOf} its subtypes: a cycle, and without a fixed discriminator value a {@code step}
 * schedule would also match {@code constant}'s schema, failing {@code oneOf}. Each subtype becomes a plain object whose
 * discriminator property is {@code const} its type id, and which admits no other fields (the application rejects
 * unknown fields, {@code spring.jackson.deserialization.fail-on-unknown-properties}).
 * </ul>
 */
final class SchemaFixes {

	private static final String COMPONENT = "#/components/schemas/";

	private SchemaFixes() {
	}

	@SuppressWarnings("rawtypes")
	static void apply(OpenAPI openApi) {
		if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
			return;
		}
		Map<String, Schema> schemas = openApi.getComponents().getSchemas();
		Set<Schema<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		schemas.values().forEach(schema -> numberDefaults(schema, seen));
		schemas.forEach((name, base) -> {
			Discriminator discriminator = base.getDiscriminator();
			if (base.getOneOf() != null && discriminator != null && discriminator.getMapping() != null) {
				Schema<?> own = base.getProperties() == null ? null : (Schema<?>) base.getProperties().get(discriminator.getPropertyName());
				if (own != null && own.getDescription() == null) {
					own.setDescription("Selects the type; one of " + String.join(", ", discriminator.getMapping().keySet()) + ".");
				}
				discriminator.getMapping()
					.forEach((id, ref) -> pin(ref.startsWith(COMPONENT) ? schemas.get(ref.substring(COMPONENT.length())) : null,
							COMPONENT + name, discriminator.getPropertyName(), id));
			}
		});
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static void numberDefaults(Schema<?> schema, Set<Schema<?>> seen) {
		if (schema == null || !seen.add(schema)) {
			return;
		}
		if (schema.getDefault() instanceof String text && isNumeric(schema)) {
			try {
				((Schema) schema).setDefault(Double.valueOf(text));
			}
			catch (NumberFormatException ex) {
				// not a number after all: leave it as written
			}
		}
		if (schema.getProperties() != null) {
			schema.getProperties().values().forEach(property -> numberDefaults(property, seen));
		}
		numberDefaults(schema.getItems(), seen);
		Stream.of(schema.getAllOf(), schema.getOneOf(), schema.getAnyOf())
			.filter(Objects::nonNull)
			.flatMap(List::stream)
			.forEach(part -> numberDefaults(part, seen));
	}

	private static boolean isNumeric(Schema<?> schema) {
		Set<String> types = schema.getTypes() != null ? schema.getTypes()
				: schema.getType() != null ? Set.of(schema.getType()) : Set.of();
		return types.contains("number") || types.contains("integer");
	}

	/** The subtype {@code id} of {@code base} as a closed object whose {@code property} is {@code id}. */
	@SuppressWarnings("rawtypes")
	private static void pin(Schema<?> subtype, String base, String property, String id) {
		if (subtype == null) {
			return;
		}
		Map<String, Schema> properties = new LinkedHashMap<>();
		properties.put(property, new JsonSchema().types(Set.of("string"))._const(id)
			.description("Always " + id + ": selects this type."));
		Set<String> required = new LinkedHashSet<>(List.of(property));
		List<Schema> parts = new ArrayList<>(subtype.getAllOf() == null ? List.of() : subtype.getAllOf());
		parts.add(subtype);
		for (Schema<?> part : parts) {
			if (base.equals(part.get$ref())) {
				continue;
			}
			if (part.getProperties() != null) {
				part.getProperties().forEach(properties::putIfAbsent);
			}
			if (part.getRequired() != null) {
				required.addAll(part.getRequired());
			}
		}
		subtype.setAllOf(null);
		subtype.setTypes(Set.of("object"));
		subtype.setProperties(properties);
		subtype.setRequired(new ArrayList<>(required));
		subtype.setAdditionalProperties(false);
	}

}
