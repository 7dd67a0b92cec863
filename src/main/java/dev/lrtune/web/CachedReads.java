package dev.lrtune.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * A fast path for a polled {@code GET} whose JSON answer a {@link ReadCache} holds: the cached bytes are written
 * straight away, without Spring MVC's dispatch (handler lookup, conversion of the arguments, content negotiation,
 * return value handling), which is most of the CPU of a read served from memory. A subclass says which requests it
 * can answer and with what; everything else goes on to the controller, which answers as before and fills the cache.
 * Registered after the API-key filter and inside the {@code http.server.requests} observation, whose path pattern it
 * sets as MVC would, so that a read answered here is still refused without a key and still measured.
 */
public abstract class CachedReads extends OncePerRequestFilter {

	private final String pattern;

	/** @param pattern the controller's path pattern, the {@code uri} tag of the reads answered here */
	protected CachedReads(String pattern) {
		this.pattern = pattern;
	}

	/**
	 * Registers {@code filter} on the paths under {@code prefix}, at {@code order} (after the API-key filter, so that
	 * a key is still required, and inside the observation, which measures a read answered here).
	 */
	public static <F extends CachedReads> FilterRegistrationBean<F> registration(F filter, String name, int order,
			String prefix) {
		FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
		registration.setName(name);
		registration.setOrder(order);
		registration.addUrlPatterns(prefix + "*");
		return registration;
	}

	@Override
	protected final void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		byte[] json = "GET".equals(request.getMethod()) && request.getContextPath().isEmpty() ? cached(request) : null;
		if (json == null) {
			chain.doFilter(request, response);
			return;
		}
		ServerHttpObservationFilter.findObservationContext(request).ifPresent(context -> context.setPathPattern(pattern));
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(json.length);
		response.getOutputStream().write(json);
	}

	/**
	 * The cached answer to this {@code GET}, byte for byte what the controller would write as
	 * {@code application/json}; {@code null} when the cache does not hold it fresh or the request is not one this
	 * path answers (then the controller does).
	 */
	protected abstract byte[] cached(HttpServletRequest request);

	/**
	 * The id in {@code <prefix><digits><suffix>}, else −1: at most 18 digits, so that it fits a {@code long}, and
	 * nothing else (a path parameter, a sign, a trailing slash), which the controller answers itself.
	 */
	public static long id(String uri, String prefix, String suffix) {
		if (uri == null || !uri.startsWith(prefix) || !uri.endsWith(suffix)) {
			return -1;
		}
		int end = uri.length() - suffix.length();
		int digits = end - prefix.length();
		if (digits < 1 || digits > 18) {
			return -1;
		}
		for (int i = prefix.length(); i < end; i++) {
			if (uri.charAt(i) < '0' || uri.charAt(i) > '9') {
				return -1;
			}
		}
		return Long.parseLong(uri, prefix.length(), end, 10);
	}

}
