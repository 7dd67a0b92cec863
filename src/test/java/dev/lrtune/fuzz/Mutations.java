package dev.lrtune.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The hostile inputs the fuzz suite draws from, each a pure function of a seeded random source: odd values for a
 * parameter, a JSON body with one value replaced or its text damaged, a CSV that is not one.
 */
final class Mutations {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	/** Raw query or path text, written as it goes on the wire (already percent-encoded where it should be). */
	static final List<String> RAW_VALUES = List.of("", "0", "-1", "1.5", "1e308", "-1e308", "1e400", "9223372036854775808",
			"-9223372036854775809", "NaN", "Infinity", "true", "maybe", "null", "%00", "%", "%G1", "%FF", "%C3%28", "%2F",
			"%5C", "%D9%A1", "+1", "01", "0x1", "%20", "a%0Ab", "%E2%80%AE", "x".repeat(5000), "%25%25", "1,2,3", "[]",
			"{}", "%7B%7D", "\u00ff", "'%3B--", "..%2F..%2Fetc%2Fpasswd", "%F0%9F%98%80");

	private Mutations() {
	}

	static <T> T pick(SplittableRandom random, List<T> values) {
		return values.get(random.nextInt(values.size()));
	}

	static String rawValue(SplittableRandom random) {
		return pick(random, RAW_VALUES);
	}

	/** A JSON value of some kind, often not the one a field wants. */
	static JsonNode oddValue(SplittableRandom random) {
		return switch (random.nextInt(16)) {
			case 0 -> NODES.nullNode();
			case 1 -> NODES.booleanNode(random.nextBoolean());
			case 2 -> NODES.stringNode("x".repeat(random.nextInt(1, 200_000)));
			case 3 -> NODES.numberNode(Long.MAX_VALUE);
			case 4 -> NODES.numberNode(-Double.MAX_VALUE);
			case 5 -> NODES.numberNode(Double.MIN_VALUE);
			case 6 -> NODES.numberNode(new java.math.BigInteger("1" + "0".repeat(400)));
			case 7 -> NODES.numberNode(new java.math.BigDecimal("1e-400"));
			case 8 -> NODES.numberNode(-1);
			case 9 -> NODES.numberNode(0);
			case 10 -> NODES.objectNode();
			case 11 -> NODES.arrayNode();
			case 12 -> longArray(random);
			case 13 -> NODES.stringNode(pick(random, List.of("", " ", "synthetic:", "file:../../etc/passwd", "file:/etc/passwd",
					"synthetic:blobs?samples=200&seed=" + "0".repeat(2000) + "1", "999999999999", "\u0000", "\ud800",
					"cosine_annealing", "range_test", "training", "linear", "\u202e")));
			case 14 -> NODES.numberNode(random.nextDouble(-1e6, 1e6));
			default -> NODES.numberNode(random.nextInt(-10, 1_000_000));
		};
	}

	private static ArrayNode longArray(SplittableRandom random) {
		ArrayNode array = NODES.arrayNode();
		int size = random.nextInt(1, 200_000);
		for (int i = 0; i < size; i++) {
			array.add(random.nextInt(4) == 0 ? NODES.nullNode() : NODES.numberNode(random.nextDouble()));
		}
		return array;
	}

	/** The example with one value replaced, removed, or an unknown field added, somewhere in it. */
	static JsonNode mutate(JsonNode example, SplittableRandom random) {
		JsonNode copy = example.deepCopy();
		List<JsonNode> containers = new ArrayList<>();
		collect(copy, containers);
		JsonNode target = pick(random, containers);
		if (target instanceof ObjectNode object) {
			List<String> names = new ArrayList<>(object.propertyNames());
			int choice = random.nextInt(4);
			if (names.isEmpty() || choice == 0) {
				object.set(pick(random, List.of("colour", "__proto__", "Type", "lr ", "x".repeat(3000))), oddValue(random));
			}
			else if (choice == 1) {
				object.remove(pick(random, names));
			}
			else {
				object.set(pick(random, names), oddValue(random));
			}
		}
		else if (target instanceof ArrayNode array) {
			if (array.isEmpty() || random.nextBoolean()) {
				array.add(oddValue(random));
			}
			else {
				array.set(random.nextInt(array.size()), oddValue(random));
			}
		}
		return copy;
	}

	private static void collect(JsonNode node, List<JsonNode> containers) {
		if (node.isContainer()) {
			containers.add(node);
			node.values().forEach(child -> collect(child, containers));
		}
	}

	/** JSON text that is not quite JSON, or JSON of the wrong shape. */
	static byte[] damaged(String json, SplittableRandom random) {
		String text = switch (random.nextInt(12)) {
			case 0 -> json.substring(0, random.nextInt(Math.max(1, json.length())));
			case 1 -> json.replaceFirst(":", "::");
			case 2 -> "[".repeat(20_000) + "]".repeat(20_000);
			case 3 -> "{\"schedule\": " + "{\"type\": \"warmup\", \"warmupSteps\": 1, \"then\": ".repeat(3000)
					+ "{\"type\": \"constant\", \"lr\": 0.1}" + "}".repeat(3000) + ", \"steps\": 3}";
			case 4 -> "\ufeff" + json;
			case 5 -> json.replace("0.", "NaN").replace("\"lr\": 1", "\"lr\": Infinity");
			case 6 -> "";
			case 7 -> "null";
			case 8 -> "\"" + "a".repeat(100_000) + "\"";
			case 9 -> json + json;
			case 10 -> "{\"a\":" + "1".repeat(5000) + "}";
			default -> json.replace("\"", "'");
		};
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		if (random.nextInt(6) == 0 && bytes.length > 2) {
			bytes[random.nextInt(bytes.length)] = (byte) 0xFF; // invalid UTF-8
		}
		return bytes;
	}

	/** A CSV that may be broken in any of the ways files are. */
	static byte[] csv(SplittableRandom random) {
		String good = "x1,x2,y\n1,2,a\n2,1,b\n3,4,a\n4,3,b\n5,6,a\n6,5,b\n";
		String text = switch (random.nextInt(14)) {
			case 0 -> good;
			case 1 -> "x1,x2,y\n1,\"2,a\n2,1,b\n";
			case 2 -> "y".repeat(1500) + ",x\n1,2\n3,4\n";
			case 3 -> "a;b;c\n1;2;3\n";
			case 4 -> "";
			case 5 -> "x1,x2,y\n" + "1,2\n".repeat(10);
			case 6 -> "x,y\n" + "1e400,2\n3,4\n";
			case 7 -> "c" + String.join(",c", java.util.stream.IntStream.range(0, 3000).mapToObj(Integer::toString).toList())
					+ "\n" + "1,".repeat(3000) + "1\n";
			case 8 -> "x,x\n1,2\n";
			case 9 -> "x,y\n" + "NaN,1\nInfinity,2\n-Infinity,3\n";
			case 10 -> "\u0000\u0001\u0002,\n\r\r\n";
			case 11 -> "x,y\n" + java.util.stream.IntStream.range(0, 300).mapToObj(i -> i + ",cat" + i + "\n")
				.reduce("", String::concat);
			case 12 -> "\ufeffx,y\r\n1,2\r\n3,4\r\n";
			default -> "x,y\n1,2\n\"3\"\"\",4\n";
		};
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		if (random.nextInt(8) == 0 && bytes.length > 2) {
			bytes[random.nextInt(bytes.length)] = (byte) 0xC3;
		}
		return bytes;
	}

	static String json(JsonNode node) {
		return JSON.writeValueAsString(node);
	}

}
