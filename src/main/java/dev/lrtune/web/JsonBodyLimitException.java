package dev.lrtune.web;

import java.io.IOException;

/**
 * A JSON request body over one of the {@link RequestLimits}, found while it was read. An {@link IOException}, since
 * it is thrown from the body's stream; Jackson and Spring wrap it, and {@link ApiExceptionHandler} finds it again.
 */
class JsonBodyLimitException extends IOException {

	enum Limit {
		SIZE, DEPTH
	}

	private final Limit limit;

	private final long allowed;

	JsonBodyLimitException(Limit limit, long allowed, String message) {
		super(message);
		this.limit = limit;
		this.allowed = allowed;
	}

	static JsonBodyLimitException tooLarge(long maxBytes) {
		return new JsonBodyLimitException(Limit.SIZE, maxBytes, "The request body is larger than the " + maxBytes
				+ " bytes this service accepts for JSON (lrtune.requests.max-json-size).");
	}

	static JsonBodyLimitException tooDeep(int maxDepth) {
		return new JsonBodyLimitException(Limit.DEPTH, maxDepth, "the request body nests objects and arrays more than "
				+ maxDepth + " deep (lrtune.requests.max-json-depth); a schedule nested in warmup or sequential adds a "
				+ "level or two each");
	}

	Limit limit() {
		return limit;
	}

	long allowed() {
		return allowed;
	}

}
