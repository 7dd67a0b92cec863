package dev.lrtune.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.media.Schema;
import org.junit.jupiter.api.Test;

/**
 * The schemas swagger-core derives from the spec records, before {@code dev.lrtune.web.SchemaFixes} turns each subtype
 * into a closed object pinned to its {@code type} (checked on the served document by {@code OpenApiDocumentTests}).
 */
class ScheduleSpecOpenApiTests {

	@SuppressWarnings("rawtypes")
	private final Map<String, Schema> schemas = ModelConverters.getInstance(true).readAll(ScheduleSpec.class);

	@Test
	void scheduleSpecIsAOneOfWithATypeDiscriminator() {
		Schema<?> spec = schemas.get("ScheduleSpec");
		assertThat(spec.getOneOf()).hasSize(15);
		assertThat(spec.getDiscriminator().getPropertyName()).isEqualTo("type");
		assertThat(spec.getDiscriminator().getMapping()).containsEntry("cosine_restarts",
				"#/components/schemas/CosineRestartsSpec").hasSize(15);
	}

	@Test
	void camelCaseFieldsKeepTheirSpellingInTheSchema() {
		assertThat(propertiesOf("CosineSpec")).containsKey("tMax");
		assertThat(propertiesOf("CosineRestartsSpec")).containsKeys("t0", "tMult");
		assertThat(schemas.get("CyclicSpec").getRequired()).containsExactlyInAnyOrder("baseLr", "maxLr");
	}

	@SuppressWarnings("rawtypes")
	private Map<String, Schema> propertiesOf(String name) {
		Schema<?> schema = schemas.get(name);
		Map<String, Schema> properties = schema.getProperties();
		if (properties == null) {
			// a subtype is written as allOf: [the ScheduleSpec reference, its own properties]
			properties = schema.getAllOf().stream()
				.map(Schema::getProperties)
				.filter(p -> p != null && !p.isEmpty())
				.findFirst()
				.orElseThrow();
		}
		return properties;
	}

}
