package dev.lrtune.web;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Hidden;

/**
 * Boot's {@code /error} dispatch (a {@code sendError} from the container, such as the 405 for {@code TRACE}) answered
 * as a problem instead of Boot's own error JSON. It writes the bytes itself: no content negotiation, which is what may
 * have failed. Errors of the API's handlers never come here; {@link ApiExceptionHandler} answers them.
 */
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

	@RequestMapping("${server.error.path:${error.path:/error}}")
	void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		int status = code instanceof Integer number && number >= 400 ? number : HttpServletResponse.SC_NOT_FOUND;
		String instance = instance(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
		response.resetBuffer();
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setHeader(ContainerProblems.NOSNIFF_HEADER, ContainerProblems.NOSNIFF);
		response.getWriter().write(ContainerProblems.json(status, ContainerProblems.detail(status), instance));
	}

	/** The path that failed, when it is a short, well-formed URI reference; otherwise none rather than a mangled one. */
	private static String instance(Object uri) {
		if (!(uri instanceof String path) || path.length() > Echo.MAX_VALUE) {
			return null;
		}
		try {
			return new URI(path).toString();
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

}
