package dev.lrtune.job;

import java.util.Arrays;

import tools.jackson.core.JacksonException;
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

	/**
	 * A JSON array of numbers read straight into a {@code double[]}, without a boxed value per entry (a post carries
	 * thousands); {@code null} entries become NaN, which no JSON number is. A bad entry fails with its index in the path.
	 */
	static final class DoubleArray extends ValueDeserializer<double[]> {

		@Override
		public double[] deserialize(JsonParser parser, DeserializationContext context) {
			if (!parser.isExpectedStartArrayToken()) {
				return (double[]) context.handleUnexpectedToken(double[].class, parser);
			}
			double[] values = new double[256];
			int n = 0;
			JsonToken token;
			while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
				if (n == values.length) {
					values = Arrays.copyOf(values, 2 * n);
				}
				try {
					values[n] = value(token, parser, context);
				}
				catch (JacksonException ex) {
					throw ex.prependPath(values, n);
				}
				n++;
			}
			return Arrays.copyOf(values, n);
		}

		private static double value(JsonToken token, JsonParser parser, DeserializationContext context) {
			if (token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT) {
				return parser.getDoubleValue();
			}
			if (token == JsonToken.VALUE_NULL) {
				return Double.NaN;
			}
			return (Double) context.handleUnexpectedToken(Double.class, parser);
		}

	}

	/**
	 * A JSON array of integers read straight into a {@code long[]}; anything else in it (a {@code null} included)
	 * fails with its index in the path.
	 */
	static final class LongArray extends ValueDeserializer<long[]> {

		@Override
		public long[] deserialize(JsonParser parser, DeserializationContext context) {
			if (!parser.isExpectedStartArrayToken()) {
				return (long[]) context.handleUnexpectedToken(long[].class, parser);
			}
			long[] values = new long[256];
			int n = 0;
			JsonToken token;
			while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
				if (n == values.length) {
					values = Arrays.copyOf(values, 2 * n);
				}
				try {
					values[n] = token == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue()
							: (Long) context.handleUnexpectedToken(Long.class, parser);
				}
				catch (JacksonException ex) {
					throw ex.prependPath(values, n);
				}
				n++;
			}
			return Arrays.copyOf(values, n);
		}

	}

}
