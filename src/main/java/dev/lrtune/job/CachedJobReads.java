package dev.lrtune.job;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

import dev.lrtune.web.CachedReads;

/**
 * The fast path of {@code GET /api/v1/jobs/{id}} when {@link JobViews} holds the job: its cached JSON is written
 * without MVC's dispatch (see {@link CachedReads}). A cache miss, an {@code Accept} that JSON does not satisfy, an
 * id that is not plain digits or a request that waits for the job's end ({@code ?wait=}) goes on to
 * {@link JobController}, which answers as before and fills the cache.
 */
final class CachedJobReads extends CachedReads {

	static final String PREFIX = "/api/v1/jobs/";

	static final String PATTERN = "/api/v1/jobs/{id}";

	private final JobViews views;

	CachedJobReads(JobViews views) {
		super(PATTERN);
		this.views = views;
	}

	@Override
	protected byte[] cached(HttpServletRequest request) {
		long id = id(request.getRequestURI());
		return id < 0 || waits(request) || !acceptsJson(request) ? null : views.cachedJson(id);
	}

	/**
	 * Whether the request asks to wait for the job's end ({@code ?wait=}), which the controller does; a poll without a
	 * query string costs no parameter parsing.
	 */
	private static boolean waits(HttpServletRequest request) {
		return request.getQueryString() != null && request.getParameter("wait") != null;
	}

	/** The id of {@code /api/v1/jobs/<digits>}, else −1. */
	static long id(String uri) {
		return id(uri, PREFIX, "");
	}

	private static boolean acceptsJson(HttpServletRequest request) {
		String accept = request.getHeader("Accept");
		if (accept == null || accept.equals(MediaType.APPLICATION_JSON_VALUE) || accept.equals("*/*")) {
			return true;
		}
		try {
			List<MediaType> types = MediaType.parseMediaTypes(accept);
			return types.stream().anyMatch(type -> type.includes(MediaType.APPLICATION_JSON) && type.getQualityValue() > 0);
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

}
