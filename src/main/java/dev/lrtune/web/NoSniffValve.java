package dev.lrtune.web;

import java.io.IOException;

import jakarta.servlet.ServletException;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * {@code X-Content-Type-Options: nosniff} on every answer that reaches the engine, the static files, the OpenAPI
 * document and the container's own errors included, so no browser reads a JSON or CSV answer as HTML or script.
 */
class NoSniffValve extends ValveBase {

	NoSniffValve() {
		super(true);
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		response.setHeader(ContainerProblems.NOSNIFF_HEADER, ContainerProblems.NOSNIFF);
		getNext().invoke(request, response);
	}

}
