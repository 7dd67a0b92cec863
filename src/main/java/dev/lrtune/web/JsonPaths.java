package dev.lrtune.web;

import java.util.List;

import tools.jackson.core.JacksonException;

/** Turns Jackson's reference chain into the field path a client wrote: {@code schedule.schedules[1].stepSize}. */
final class JsonPaths {

	private JsonPaths() {
	}

	static String of(JacksonException ex) {
		return of(ex.getPath());
	}

	static String of(List<JacksonException.Reference> path) {
		StringBuilder out = new StringBuilder();
		for (JacksonException.Reference ref : path) {
			if (ref.getPropertyName() != null) {
				if (!out.isEmpty()) {
					out.append('.');
				}
				out.append(ref.getPropertyName());
			}
			else if (ref.getIndex() >= 0) {
				out.append('[').append(ref.getIndex()).append(']');
			}
		}
		return out.toString();
	}

	static String join(String prefix, String field) {
		if (prefix.isEmpty()) {
			return field;
		}
		return field.isEmpty() ? prefix : prefix + "." + field;
	}

}
