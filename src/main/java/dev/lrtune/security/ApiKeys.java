package dev.lrtune.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/** The configured keys, compared in constant time. */
final class ApiKeys {

	private final List<byte[]> keys;

	ApiKeys(List<String> keys) {
		this.keys = keys.stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
	}

	boolean none() {
		return keys.isEmpty();
	}

	/** Compares with every key, each in constant time, so the time taken tells nothing about which prefix matched. */
	boolean matches(String key) {
		if (key == null || key.isEmpty()) {
			return false;
		}
		byte[] sent = key.getBytes(StandardCharsets.UTF_8);
		boolean match = false;
		for (byte[] candidate : keys) {
			match |= MessageDigest.isEqual(sent, candidate);
		}
		return match;
	}

}
