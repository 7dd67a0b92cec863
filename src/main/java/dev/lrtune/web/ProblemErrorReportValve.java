package dev.lrtune.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.MediaType;

/**
 * Tomcat's last-resort error page as an RFC 9457 problem instead of HTML: what the container refuses before the
 * application runs (a {@code %00}, {@code %2F} or invalid UTF-8 in the path, a raw {@code [} in the query, a header
 * with a control character) and any error nothing else answered. Its detail is a fixed sentence per status: the
 * request that failed is never echoed, since it is malformed and may carry a key.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			response.setHeader(ContainerProblems.NOSNIFF_HEADER, ContainerProblems.NOSNIFF);
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(ContainerProblems.json(status, ContainerProblems.detail(status), null));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the connection is gone or the response already started: nothing more can be said
		}
	}

}
