package dev.lrtune.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

import dev.lrtune.core.InvalidParameterException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * A request body Jackson could not read, as the field a client wrote and a message in plain words. Jackson's own
 * messages name Java types and parser features ({@code Cannot deserialize value of type `java.lang.Double`},
 * {@code enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS`}); none of that reaches the client.
 */
final class JsonErrors {

	private static final Pattern NON_STANDARD_TOKEN = Pattern.compile("Non-standard token '([^']*)'");

	/** Parser detail that only means something to Jackson: source references and feature advice. */
	private static final Pattern PARSER_NOISE = Pattern
		.compile("\\s*\\((?:start marker at|through reference chain).*$|\\s*at \\[Source.*$|[:;]?\\s*enable `.*$");

	private JsonErrors() {
	}

	static FieldError of(JacksonException ex) {
		if (ex.getCause() instanceof InvalidParameterException invalid) {
			// Thrown by a record's constructor: the path locates the record, the exception the field in it.
			return new FieldError(JsonPaths.join(JsonPaths.of(ex), invalid.parameter()), invalid.detail());
		}
		if (ex instanceof InvalidTypeIdException typeId) {
			return unknownType(typeId);
		}
		if (ex instanceof UnrecognizedPropertyException unknown) {
			return new FieldError(JsonPaths.of(ex), unknownField(unknown));
		}
		if (ex instanceof ValueInstantiationException instantiation && instantiation.getCause() != null) {
			return new FieldError(JsonPaths.of(ex), instantiation.getCause().getMessage());
		}
		if (ex instanceof MismatchedInputException mismatch) {
			return mismatch(mismatch);
		}
		if (ex instanceof StreamReadException malformed) {
			return malformed(malformed);
		}
		return new FieldError(JsonPaths.of(ex), clean(ex.getOriginalMessage()));
	}

	/** {@code {"type": "cosine_annealing"}} or no {@code type} at all: name the type field and list the known ones. */
	private static FieldError unknownType(InvalidTypeIdException ex) {
		Class<?> base = ex.getBaseType() == null ? Object.class : ex.getBaseType().getRawClass();
		JsonTypeInfo info = base.getAnnotation(JsonTypeInfo.class);
		String property = info == null || info.property().isEmpty() ? "type" : info.property();
		List<String> known = typeIds(base);
		String choices = known.isEmpty() ? "" : String.join(", ", known);
		String field = JsonPaths.join(JsonPaths.of(ex), property);
		if (ex.getTypeId() == null) {
			return new FieldError(field, "is required" + (choices.isEmpty() ? "" : "; one of " + choices));
		}
		return new FieldError(field,
				"unknown type '" + ex.getTypeId() + "'" + (choices.isEmpty() ? "" : "; known types: " + choices));
	}

	/** The type ids of {@code base}'s subtypes, in the order {@code @JsonSubTypes} lists them. */
	private static List<String> typeIds(Class<?> base) {
		JsonSubTypes subTypes = base.getAnnotation(JsonSubTypes.class);
		if (subTypes == null) {
			return List.of();
		}
		List<String> ids = new ArrayList<>();
		for (JsonSubTypes.Type type : subTypes.value()) {
			JsonTypeName name = type.value().getAnnotation(JsonTypeName.class);
			if (!type.name().isEmpty()) {
				ids.add(type.name());
			}
			else if (name != null) {
				ids.add(name.value());
			}
			ids.addAll(Arrays.asList(type.names()));
		}
		return ids;
	}

	private static String unknownField(UnrecognizedPropertyException ex) {
		List<String> known = ex.getKnownPropertyIds() == null ? List.of()
				: ex.getKnownPropertyIds().stream().map(String::valueOf).toList();
		String name = ex.getPropertyName();
		return "unknown field '" + name + "'" + closest(name, known).map(k -> " (did you mean '" + k + "'?)").orElse("")
				+ (known.isEmpty() ? "" : "; known fields: " + String.join(", ", known));
	}

	/** The known name a typo most likely meant: same letters in another case, or at most two edits away. */
	private static Optional<String> closest(String name, Collection<String> known) {
		String best = null;
		int bestDistance = Math.min(2, name.length() / 3) + 1;
		for (String candidate : known) {
			int distance = candidate.equalsIgnoreCase(name) ? 0
					: editDistance(name.toLowerCase(), candidate.toLowerCase());
			if (distance < bestDistance) {
				best = candidate;
				bestDistance = distance;
			}
		}
		return Optional.ofNullable(best);
	}

	/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
	private static int editDistance(String a, String b) {
		int[][] d = new int[a.length() + 1][b.length() + 1];
		for (int i = 0; i <= a.length(); i++) {
			for (int j = 0; j <= b.length(); j++) {
				if (i == 0 || j == 0) {
					d[i][j] = i + j;
					continue;
				}
				int substitution = d[i - 1][j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
				d[i][j] = Math.min(substitution, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
				if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
					d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
				}
			}
		}
		return d[a.length()][b.length()];
	}

	/** A value of the wrong kind: {@code "lr": "abc"}, {@code "steps": 3.5}, an array for the body. */
	private static FieldError mismatch(MismatchedInputException ex) {
		String field = JsonPaths.of(ex);
		if (ex.getTargetType() == null) {
			return new FieldError(field, clean(ex.getOriginalMessage()));
		}
		String expected = describeType(ex.getTargetType());
		String got = describeToken(ex.getCurrentToken());
		if (field.isEmpty()) {
			return new FieldError(field, "the request body must be " + expected + (got == null ? "" : ", not " + got));
		}
		return new FieldError(field, "must be " + expected + (got == null ? "" : ", not " + got));
	}

	/**
	 * {@code NaN} or {@code Infinity}, or a number too large for its field, named by where the parser stood; or not
	 * JSON at all, located by line and column (the parser's position names no field a client would recognise).
	 */
	private static FieldError malformed(StreamReadException ex) {
		String field = parsePath(ex).orElseGet(() -> JsonPaths.of(ex));
		if (ex instanceof InputCoercionException coercion && coercion.getTargetType() != null) {
			return new FieldError(field, "is out of range for " + describeType(coercion.getTargetType())
					+ range(coercion.getTargetType()));
		}
		Matcher token = NON_STANDARD_TOKEN.matcher(String.valueOf(ex.getOriginalMessage()));
		if (token.find()) {
			return new FieldError(field,
					token.group(1) + " is not a JSON number; only finite numbers are accepted (write null for a missing value"
							+ " where the field allows it)");
		}
		String where = ex.getLocation() == null ? ""
				: " at line " + ex.getLocation().getLineNr() + ", column " + ex.getLocation().getColumnNr();
		return new FieldError("", "the request body is not valid JSON" + where + ": " + clean(ex.getOriginalMessage()));
	}

	/** Where the parser was when it stopped, e.g. {@code metrics[2]}, or empty at the top level. */
	private static Optional<String> parsePath(StreamReadException ex) {
		JsonParser parser = ex.processor();
		if (parser == null || parser.streamReadContext() == null) {
			return Optional.empty();
		}
		List<String> segments = new ArrayList<>();
		for (TokenStreamContext context = parser.streamReadContext(); context != null
				&& !context.inRoot(); context = context.getParent()) {
			if (context.inObject() && context.currentName() != null) {
				segments.add(0, "." + context.currentName());
			}
			else if (context.inArray() && context.hasCurrentIndex()) {
				segments.add(0, "[" + context.getCurrentIndex() + "]");
			}
		}
		String path = String.join("", segments);
		return path.isEmpty() ? Optional.empty() : Optional.of(path.startsWith(".") ? path.substring(1) : path);
	}

	/** The bounds of a whole-number type, e.g. {@code " (-2147483648 to 2147483647)"}; empty for other types. */
	static String range(Class<?> type) {
		if (type == Integer.class || type == int.class) {
			return " (" + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ")";
		}
		if (type == Long.class || type == long.class) {
			return " (" + Long.MIN_VALUE + " to " + Long.MAX_VALUE + ")";
		}
		return "";
	}

	static String describeType(Class<?> type) {
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
			return "a whole number";
		}
		if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
			return "a number";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		if (type == String.class || type.isEnum()) {
			return "a string";
		}
		if (Collection.class.isAssignableFrom(type) || type.isArray()) {
			return "an array";
		}
		return "an object";
	}

	private static String describeToken(JsonToken token) {
		if (token == null) {
			return null;
		}
		return switch (token) {
			case START_OBJECT -> "an object";
			case START_ARRAY -> "an array";
			case VALUE_STRING -> "a string";
			case VALUE_NUMBER_INT -> "a whole number";
			case VALUE_NUMBER_FLOAT -> "a fractional number";
			case VALUE_TRUE, VALUE_FALSE -> "a boolean";
			case VALUE_NULL -> "null";
			default -> null;
		};
	}

	/** Jackson's message without its source excerpts and feature advice. */
	private static String clean(String message) {
		if (message == null || message.isBlank()) {
			return "could not be read";
		}
		String cleaned = PARSER_NOISE.matcher(message.strip()).replaceAll("").strip();
		return cleaned.isEmpty() ? "could not be read" : cleaned;
	}

}
