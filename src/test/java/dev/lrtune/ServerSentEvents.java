package dev.lrtune;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import tools.jackson.databind.json.JsonMapper;

/** The events of a {@code text/event-stream} body, each a name and its JSON data, as a test reads them. */
public final class ServerSentEvents {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private ServerSentEvents() {
	}

	/** One event of the stream: {@code event:} and the object its {@code data:} lines hold. */
	public record Event(String name, Map<String, Object> data) {
	}

	/** Reads the lines to their end; an event ends at an empty line. */
	@SuppressWarnings("unchecked")
	public static List<Event> read(Stream<String> lines) {
		List<Event> events = new ArrayList<>();
		String[] name = { null };
		StringBuilder data = new StringBuilder();
		lines.forEach(line -> {
			if (line.startsWith("event:")) {
				name[0] = line.substring("event:".length()).trim();
			}
			else if (line.startsWith("data:")) {
				data.append(line.substring("data:".length()));
			}
			else if (line.isEmpty() && name[0] != null) {
				events.add(new Event(name[0], MAPPER.readValue(data.toString(), LinkedHashMap.class)));
				name[0] = null;
				data.setLength(0);
			}
		});
		return events;
	}

}
