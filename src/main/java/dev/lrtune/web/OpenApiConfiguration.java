package dev.lrtune.web;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import dev.lrtune.security.SecuritySettings;

@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "lrtune API", version = "v1",
		description = "Finds and schedules learning rates: range tests (learning-rate finder), schedule previews, "
				+ "training jobs with per-iteration curves, and studies that compare schedules. "
				+ "Errors are RFC 9457 problem details (application/problem+json).",
		license = @License(name = "Apache-2.0", identifier = "Apache-2.0")))
class OpenApiConfiguration {

	static final String API_KEY_SCHEME = "apiKey";

	private static final String JSON = org.springframework.http.MediaType.APPLICATION_JSON_VALUE;

	@Bean
	OpenApiCustomizer schemaFixes() {
		return SchemaFixes::apply;
	}

	@Bean
	OpenApiCustomizer nullableProperties() {
		return NullableProperties::apply;
	}

	@Bean
	OpenApiCustomizer problemResponses() {
		return ProblemResponses::apply;
	}

	/**
	 * A response offered as JSON and as something else (the curve: JSON or CSV) lists JSON first: generators such as
	 * openapi-generator type the response by its first media type, and springdoc merges them in no fixed order.
	 */
	@Bean
	OpenApiCustomizer jsonFirst() {
		return openApi -> {
			if (openApi.getPaths() == null) {
				return;
			}
			openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
				if (operation.getResponses() != null) {
					operation.getResponses().values().forEach(response -> {
						Content content = response.getContent();
						if (content != null && content.size() > 1 && content.containsKey(JSON)) {
							Content ordered = new Content().addMediaType(JSON, content.get(JSON));
							content.forEach(ordered::putIfAbsent);
							response.setContent(ordered);
						}
					});
				}
			}));
		};
	}

	/**
	 * The {@code apiKey} scheme (header {@code X-API-Key}), always declared so Swagger UI shows its Authorize button;
	 * required of every operation only when this server has keys configured.
	 */
	@Bean
	OpenApiCustomizer apiKeyScheme(ObjectProvider<SecuritySettings> settings) {
		return openApi -> {
			if (openApi.getComponents() == null) {
				openApi.setComponents(new Components());
			}
			openApi.getComponents()
				.addSecuritySchemes(API_KEY_SCHEME, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
					.in(SecurityScheme.In.HEADER)
					.name("X-API-Key")
					.description("Needed only when the server sets lrtune.security.api-keys; then every /api request "
							+ "without a valid key is a 401 problem. The curve stream (/api/v1/jobs/{id}/curve/stream) "
							+ "also accepts the key as the apiKey query parameter, for EventSource, which cannot send headers."));
			if (settings.getIfAvailable(() -> new SecuritySettings(null)).apiKeysRequired()) {
				openApi.addSecurityItem(new SecurityRequirement().addList(API_KEY_SCHEME));
			}
		};
	}

}
