package dev.lrtune.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, with a 400 problem, what Tomcat and Spring would otherwise fail on deep inside a handler: a query string
 * whose percent-escapes are malformed ({@code %}, {@code %G1}) or decode to invalid UTF-8 ({@code %FF}), on any
 * parameter, known or not, or that holds more parameters than Tomcat reads; an {@code Accept} or {@code Content-Type}
 * header that is not a media type; and, with a 415, a wildcard {@code Content-Type} ({@code *}{@code /*}). It runs
 * before the API-key filter, which reads the query string of a stream request. The offending text is never echoed:
 * a malformed query may carry a key.
 */
final class RequestSyntaxFilter extends OncePerRequestFilter {

	/**
	 * Media types that parse, as pollers and the dashboard send them on every request: known good without
	 * parsing (a parse allocates a list and a media type per value).
	 */
	private static final Set<String> WELL_FORMED = Set.of(MediaType.APPLICATION_JSON_VALUE, MediaType.ALL_VALUE,
			MediaType.APPLICATION_PROBLEM_JSON_VALUE, MediaType.TEXT_EVENT_STREAM_VALUE, "text/csv",
			"application/json, text/plain, */*");

	private final int maxParameters;

	/** @param maxParameters Tomcat's {@code maxParameterCount}: past it Tomcat fails to read any parameter */
	RequestSyntaxFilter(int maxParameters) {
		this.maxParameters = maxParameters;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (wildcardContentType(request.getContentType())) {
			problem(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, new FieldError(HttpHeaders.CONTENT_TYPE,
					"must name the body's media type, such as application/json; a wildcard (*/*, application/*) names none"));
			return;
		}
		Optional<FieldError> error = queryError(request.getQueryString(), maxParameters)
			.or(() -> mediaTypeError(HttpHeaders.ACCEPT, Collections.list(request.getHeaders(HttpHeaders.ACCEPT)), true))
			.or(() -> mediaTypeError(HttpHeaders.CONTENT_TYPE, Collections.list(request.getHeaders(HttpHeaders.CONTENT_TYPE)), false));
		if (error.isPresent()) {
			problem(response, HttpServletResponse.SC_BAD_REQUEST, error.get());
			return;
		}
		chain.doFilter(request, response);
	}

	private static void problem(HttpServletResponse response, int status, FieldError field) throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write(ContainerProblems.json(status, field.field() + ": " + field.message(), null,
				status == HttpServletResponse.SC_BAD_REQUEST ? List.of(field) : null));
	}

	/** Spring cannot represent a request whose Content-Type is a wildcard, and no body is of every type. */
	private static boolean wildcardContentType(String contentType) {
		if (contentType == null) {
			return false;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return type.isWildcardType() || type.isWildcardSubtype();
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	/** Every name and value of the query string must percent-decode to UTF-8 text. */
	static Optional<FieldError> queryError(String query, int maxParameters) {
		if (query == null || query.isEmpty()) {
			return Optional.empty();
		}
		int parameters = 1;
		for (int i = query.indexOf('&'); i >= 0; i = query.indexOf('&', i + 1)) {
			parameters++;
		}
		if (maxParameters >= 0 && parameters > maxParameters) {
			return Optional.of(new FieldError("query", "has " + parameters + " parameters; at most " + maxParameters
					+ " are read"));
		}
		if (query.indexOf('%') < 0) {
			return Optional.empty(); // no escape: every other character stands for itself, valid text (a poll's query)
		}
		for (String pair : query.split("&", -1)) {
			if (decodes(pair).isEmpty()) {
				return Optional.of(new FieldError("query", "holds a malformed percent-escape or text that is not UTF-8 "
						+ "once decoded; escape '%' itself as %25 and encode text as UTF-8"));
			}
		}
		return Optional.empty();
	}

	private static Optional<String> decodes(String text) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '%') {
				if (i + 2 >= text.length()) {
					return Optional.empty();
				}
				int high = Character.digit(text.charAt(i + 1), 16);
				int low = Character.digit(text.charAt(i + 2), 16);
				if (high < 0 || low < 0 || text.charAt(i + 1) > 0x7f || text.charAt(i + 2) > 0x7f) {
					return Optional.empty();
				}
				bytes.write(high * 16 + low);
				i += 2;
			}
			else {
				byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
				bytes.write(encoded, 0, encoded.length);
			}
		}
		try {
			return Optional.of(StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes.toByteArray()))
				.toString());
		}
		catch (CharacterCodingException ex) {
			return Optional.empty();
		}
	}

	private static Optional<FieldError> mediaTypeError(String header, List<String> values, boolean list) {
		for (String value : values) {
			if (WELL_FORMED.contains(value)) {
				continue;
			}
			try {
				if (list) {
					MediaType.parseMediaTypes(value);
				}
				else {
					MediaType.parseMediaType(value);
				}
			}
			catch (InvalidMediaTypeException ex) {
				return Optional.of(new FieldError(header, "is not " + (list ? "a list of media types" : "a media type")
						+ ", such as application/json"));
			}
		}
		return Optional.empty();
	}

}
