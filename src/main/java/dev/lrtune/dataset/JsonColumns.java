package dev.lrtune.dataset;

import java.util.List;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Lists stored as JSON text in a VARCHAR column, the same SQL type on H2 and PostgreSQL. */
final class JsonColumns {

	private static final JsonMapper json = JsonMapper.builder().build();

	private JsonColumns() {
	}

	@Converter
	static final class Strings implements AttributeConverter<List<String>, String> {

		@Override
		public String convertToDatabaseColumn(List<String> values) {
			return json.writeValueAsString(values);
		}

		@Override
		public List<String> convertToEntityAttribute(String text) {
			return List.copyOf(json.readValue(text, new TypeReference<List<String>>() {
			}));
		}

	}

	@Converter
	static final class Summaries implements AttributeConverter<List<ColumnSummary>, String> {

		@Override
		public String convertToDatabaseColumn(List<ColumnSummary> values) {
			return json.writeValueAsString(values);
		}

		@Override
		public List<ColumnSummary> convertToEntityAttribute(String text) {
			return List.copyOf(json.readValue(text, new TypeReference<List<ColumnSummary>>() {
			}));
		}

	}

}
