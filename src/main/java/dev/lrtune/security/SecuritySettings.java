package dev.lrtune.security;

import java.util.List;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Security settings.
 *
 * @param apiKeys the keys any one of which {@code /api/**} requests must send as {@code X-API-Key}; empty (the
 * default): no key is needed. Blank entries are ignored, so an empty header can never match.
 */
@ConfigurationProperties("lrtune.security")
public record SecuritySettings(@DefaultValue List<String> apiKeys) {

	public SecuritySettings {
		apiKeys = apiKeys == null ? List.of()
				: apiKeys.stream().filter(Objects::nonNull).map(String::strip).filter(k -> !k.isEmpty()).toList();
	}

	/** Whether {@code /api/**} needs a key. */
	public boolean apiKeysRequired() {
		return !apiKeys.isEmpty();
	}

	/** Never the keys themselves: this may end up in a log or an actuator endpoint. */
	@Override
	public String toString() {
		return "SecuritySettings[apiKeys=" + apiKeys.size() + " configured]";
	}

}
