package dev.lrtune.web;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;

@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "lrtune API", version = "v1",
		description = "Finds and schedules learning rates: range tests (learning-rate finder), schedule previews, "
				+ "training jobs with per-iteration curves, and studies that compare schedules. "
				+ "Errors are RFC 9457 problem details (application/problem+json).",
		license = @License(name = "Apache-2.0", identifier = "Apache-2.0")))
class OpenApiConfiguration {

	@Bean
	OpenApiCustomizer schemaFixes() {
		return SchemaFixes::apply;
	}

}
