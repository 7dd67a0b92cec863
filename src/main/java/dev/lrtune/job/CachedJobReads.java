package dev.lrtune.job;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * The fast path of {@code GET /api/v1/jobs/{id}} when {@link JobViews} holds the job: its cached JSON is written
 * straight away, without Spring MVC's dispatch (handler lookup, conversion of the id, content negotiation, return
 * value handling), which is most of the CPU of a read served from memory. Everything else (a cache miss, an
 * {@code Accept} that JSON does not satisfy, an id that is not plain digits) goes on to {@link JobController}, which
 * answers as before and fills the cache. It runs after the API-key filter and inside the {@code http.server.requests}
 * observation, whose path pattern it sets as MVC would.
 */
final class CachedJobReads extends OncePerRequestFilter {

	static final String PREFIX = "/api/v1/jobs/";

	static final String PATTERN = "/api/v1/jobs/{id}";

	private final JobViews views;

	CachedJobReads(JobViews views) {
		this.views = views;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		byte[] json = cached(request);
		if (json == null) {
			chain.doFilter(request, response);
			return;
		}
		ServerHttpObservationFilter.findObservationContext(request).ifPresent(context -> context.setPathPattern(PATTERN));
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(json.length);
		response.getOutputStream().write(json);
	}

	private byte[] cached(HttpServletRequest request) {
		if (!"GET".equals(request.getMethod()) || !request.getContextPath().isEmpty() || !acceptsJson(request)) {
			return null;
		}
		long id = id(request.getRequestURI());
		return id < 0 ? null : views.cachedJson(id);
	}

	/** The id of {@code /api/v1/jobs/<digits>}, else −1. */
	static long id(String uri) {
		if (uri == null || !uri.startsWith(PREFIX)) {
			return -1;
		}
		int digits = uri.length() - PREFIX.length();
		if (digits < 1 || digits > 18) {
			return -1;
		}
		for (int i = PREFIX.length(); i < uri.length(); i++) {
			if (uri.charAt(i) < '0' || uri.charAt(i) > '9') {
				return -1;
			}
		}
		return Long.parseLong(uri, PREFIX.length(), uri.length(), 10);
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
