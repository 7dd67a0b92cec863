package dev.lrtune.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.filter.OncePerRequestFilter;

import tools.jackson.databind.json.JsonMapper;

/**
 * Answers a {@code /api/**} request without one of the configured keys in {@code X-API-Key} with a 401
 * {@code application/problem+json} and {@code WWW-Authenticate: ApiKey header="X-API-Key"}. CORS preflight requests
 * pass (browsers send them without custom headers). Because a browser's {@code EventSource} cannot send headers, a
 * path ending in {@code /stream} also accepts the key as the {@code apiKey} query parameter. Keys are compared in
 * constant time and never logged.
 */
final class ApiKeyFilter extends OncePerRequestFilter {

	static final String HEADER = "X-API-Key";

	static final String QUERY_PARAMETER = "apiKey";

	static final String CHALLENGE = "ApiKey header=\"" + HEADER + "\"";

	private static final Logger log = LoggerFactory.getLogger(ApiKeyFilter.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ApiKeys keys;

	ApiKeyFilter(ApiKeys keys) {
		this.keys = keys;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return keys.none() || !underApi(request) || CorsUtils.isPreFlightRequest(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String key = request.getHeader(HEADER);
		if (key == null && path(request).endsWith("/stream")) {
			key = request.getParameter(QUERY_PARAMETER);
		}
		if (key == null || key.isEmpty()) {
			reject(request, response, "Missing API key", "This API needs a key: send it in the " + HEADER
					+ " header" + streamHint(request) + ".");
			return;
		}
		if (!keys.matches(key)) {
			reject(request, response, "Invalid API key", "The key sent is not one of this server's keys: send a valid key in the "
					+ HEADER + " header" + streamHint(request) + ".");
			return;
		}
		chain.doFilter(request, response);
	}

	private static String streamHint(HttpServletRequest request) {
		return path(request).endsWith("/stream")
				? " (or, where headers cannot be set as with EventSource, the " + QUERY_PARAMETER + " query parameter)" : "";
	}

	private static void reject(HttpServletRequest request, HttpServletResponse response, String title, String detail)
			throws IOException {
		log.debug("{} {}: {}", request.getMethod(), request.getRequestURI(), title);
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", title);
		problem.put("status", HttpStatus.UNAUTHORIZED.value());
		problem.put("detail", detail);
		problem.put("instance", request.getRequestURI());
		response.setStatus(HttpStatus.UNAUTHORIZED.value());
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write(JSON.writeValueAsString(problem));
	}

	/**
	 * Under {@code /api}, judged on the path the servlet container decoded and normalised (no {@code ;} parameters,
	 * {@code %61pi} read as {@code api}, repeated slashes merged) and, to be safe, on the raw URI as well.
	 */
	static boolean underApi(HttpServletRequest request) {
		return underApi(path(request)) || underApi(rawPath(request));
	}

	private static boolean underApi(String path) {
		String p = path.replaceFirst("^/+", "/");
		return p.equals("/api") || p.startsWith("/api/") || p.startsWith("/api;");
	}

	/** The decoded path within the application, as servlet mappings see it. */
	private static String path(HttpServletRequest request) {
		String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
		String pathInfo = request.getPathInfo() == null ? "" : request.getPathInfo();
		String path = servletPath + pathInfo;
		return path.isEmpty() ? rawPath(request) : path;
	}

	private static String rawPath(HttpServletRequest request) {
		String uri = request.getRequestURI() == null ? "" : request.getRequestURI();
		String context = request.getContextPath() == null ? "" : request.getContextPath();
		return uri.startsWith(context) ? uri.substring(context.length()) : uri;
	}

}
