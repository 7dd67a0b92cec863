package dev.lrtune.job;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.lrtune.security.ApiKeyConfiguration;
import dev.lrtune.web.CachedReads;

/** Registers {@link CachedJobReads} on the job paths. */
@Configuration(proxyBeanMethods = false)
class CachedJobReadsConfiguration {

	/**
	 * Right after the API-key filter, so that a key is still required (and, like that filter, after the observation,
	 * so that a read answered here is measured).
	 */
	static final int ORDER = ApiKeyConfiguration.FILTER_ORDER + 1;

	@Bean
	FilterRegistrationBean<CachedJobReads> cachedJobReads(JobViews views) {
		return CachedReads.registration(new CachedJobReads(views), "cachedJobReads", ORDER, CachedJobReads.PREFIX);
	}

}
