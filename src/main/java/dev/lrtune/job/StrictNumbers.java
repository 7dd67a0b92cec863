package dev.lrtune.job;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Numbers of posted points as JSON numbers only. Jackson would otherwise read the string {@code "NaN"} as a NaN and
 * {@code "12"} as 12: a client that wrote a non-finite loss as a string (Python's {@code json.dumps} does, for a
 * {@code float('nan')} inside a list it was told to stringify) would store NaN where it meant a value, or the other way
 * round. {@code null} stays what the contract makes it (a non-finite loss).
 */
final class StrictNumbers {

	private StrictNumbers() {
	}

	/** A double from a JSON number, nothing else. */
	static final class Doubles extends ValueDeserializer<Double> {

		@Override
		public Double deserialize(JsonParser parser, DeserializationContext context) {
			JsonToken token = parser.currentToken();
			if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
				return parser.getDoubleValue();
			}
			return (Double) context.handleUnexpectedToken(Double.class, parser);
		}

	}

	/** A whole number from a JSON integer, nothing else. */
	static final class Longs extends ValueDeserializer<Long> {

		@Override
		public Long deserialize(JsonParser parser, DeserializationContext context) {
			if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
				return parser.getLongValue();
			}
			return (Long) context.handleUnexpectedToken(Long.class, parser);
		}

	}

}
