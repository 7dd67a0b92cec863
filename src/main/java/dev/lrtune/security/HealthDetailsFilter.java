package dev.lrtune.security;

import java.io.IOException;
import java.security.Principal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Registered on {@code /actuator/*}. Tells the actuator who is authorised, so that {@code management.endpoint.health.show-details=when-authorized}
 * shows the health's details only to them: a request to {@code /actuator/**} with a valid {@code X-API-Key}, or any
 * request when no keys are configured (then the whole API is open to every caller, and so are the details). Without
 * a key a keyed service still answers the status, which is what a load balancer needs.
 */
final class HealthDetailsFilter extends OncePerRequestFilter {

	private static final Principal KEY_HOLDER = () -> "api-key";

	private final ApiKeys keys;

	HealthDetailsFilter(ApiKeys keys) {
		this.keys = keys;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean authorised = keys.none() || keys.matches(request.getHeader(ApiKeyFilter.HEADER));
		chain.doFilter(authorised ? new Authorised(request) : request, response);
	}

	private static final class Authorised extends HttpServletRequestWrapper {

		Authorised(HttpServletRequest request) {
			super(request);
		}

		@Override
		public Principal getUserPrincipal() {
			return KEY_HOLDER;
		}

	}

}
