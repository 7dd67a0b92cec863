package dev.lrtune.job;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers {@link CachedJobReads} on the job paths. */
@Configuration(proxyBeanMethods = false)
class CachedJobReadsConfiguration {

	/** After the API-key filter (-100), so that a key is still required; after the observation, so it is measured. */
	static final int ORDER = -99;

	@Bean
	FilterRegistrationBean<CachedJobReads> cachedJobReads(JobViews views) {
		FilterRegistrationBean<CachedJobReads> registration = new FilterRegistrationBean<>(new CachedJobReads(views));
		registration.setName("cachedJobReads");
		registration.setOrder(ORDER);
		registration.addUrlPatterns(CachedJobReads.PREFIX + "*");
		return registration;
	}

}
