package dev.lrtune.curve;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;

import dev.lrtune.web.CachedReads;

/**
 * The fast path of the polled downsampled curve, {@code GET /api/v1/jobs/{id}/curve?maxPoints=<n>}, when the
 * {@link CurveCache} holds it: its cached JSON is written without MVC's dispatch (see {@link CachedReads}). Only
 * that exact query (no {@code from}, {@code to} or {@code smoothing}) and an {@code Accept} that leaves no choice
 * but JSON (none, {@code *}{@code /*} or {@code application/json}: the controller also answers CSV) take it; every
 * other read goes on to {@link CurveController}, which answers as before and fills the cache.
 */
final class CachedCurveReads extends CachedReads {

	static final String PREFIX = "/api/v1/jobs/";

	static final String SUFFIX = "/curve";

	static final String PATTERN = "/api/v1/jobs/{id}/curve";

	private static final String MAX_POINTS = "maxPoints=";

	private final CurveCache cache;

	CachedCurveReads(CurveCache cache) {
		super(PATTERN);
		this.cache = cache;
	}

	@Override
	protected byte[] cached(HttpServletRequest request) {
		long id = id(request.getRequestURI(), PREFIX, SUFFIX);
		if (id < 0 || !onlyJson(request.getHeader("Accept"))) {
			return null;
		}
		int maxPoints = maxPoints(request.getQueryString());
		return maxPoints < 0 ? null : cache.peek(new CurveCache.Key(id, null, null, maxPoints, null));
	}

	/** n of a query string that is exactly {@code maxPoints=<n>} (at most 9 digits), else −1. */
	static int maxPoints(String query) {
		if (query == null || !query.startsWith(MAX_POINTS)) {
			return -1;
		}
		int digits = query.length() - MAX_POINTS.length();
		if (digits < 1 || digits > 9) {
			return -1;
		}
		for (int i = MAX_POINTS.length(); i < query.length(); i++) {
			if (query.charAt(i) < '0' || query.charAt(i) > '9') {
				return -1;
			}
		}
		return Integer.parseInt(query, MAX_POINTS.length(), query.length(), 10);
	}

	private static boolean onlyJson(String accept) {
		return accept == null || accept.equals(MediaType.APPLICATION_JSON_VALUE) || accept.equals(MediaType.ALL_VALUE);
	}

}
