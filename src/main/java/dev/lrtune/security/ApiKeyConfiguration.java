package dev.lrtune.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the {@link ApiKeyFilter} on every request (it decides itself which paths are under {@code /api}, from
 * the same decoded, normalised path the dispatcher uses), only when keys are configured; and the
 * {@link HealthDetailsFilter}, which shows the health's details to key holders (to everyone on an open service).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecuritySettings.class)
public class ApiKeyConfiguration {

	/**
	 * The API-key filter's place, where Spring Security would sit: after character encoding and observation, before
	 * everything else. Filters that must only see requests whose key was checked are ordered after it.
	 */
	public static final int FILTER_ORDER = -100;

	@Bean
	ApiKeys apiKeys(SecuritySettings settings) {
		return new ApiKeys(settings.apiKeys());
	}

	@Bean
	FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(ApiKeys keys, SecuritySettings settings) {
		FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(new ApiKeyFilter(keys));
		registration.setName("apiKeyFilter");
		registration.setOrder(FILTER_ORDER);
		registration.addUrlPatterns("/*");
		registration.setEnabled(settings.apiKeysRequired());
		return registration;
	}

	/** Right after the key filter: marks who may see the health's details. */
	@Bean
	FilterRegistrationBean<HealthDetailsFilter> healthDetailsFilter(ApiKeys keys) {
		FilterRegistrationBean<HealthDetailsFilter> registration = new FilterRegistrationBean<>(
				new HealthDetailsFilter(keys));
		registration.setName("healthDetailsFilter");
		registration.setOrder(FILTER_ORDER + 1);
		registration.addUrlPatterns("/actuator/*");
		return registration;
	}

}
