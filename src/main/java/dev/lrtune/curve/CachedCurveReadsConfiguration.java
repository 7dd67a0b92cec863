package dev.lrtune.curve;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.lrtune.security.ApiKeyConfiguration;
import dev.lrtune.web.CachedReads;

/** Registers {@link CachedCurveReads} on the job paths. */
@Configuration(proxyBeanMethods = false)
class CachedCurveReadsConfiguration {

	/** After the API-key filter, so that a key is still required, and so inside the observation, which measures it. */
	static final int ORDER = ApiKeyConfiguration.FILTER_ORDER + 2;

	@Bean
	FilterRegistrationBean<CachedCurveReads> cachedCurveReads(CurveCache cache) {
		return CachedReads.registration(new CachedCurveReads(cache), "cachedCurveReads", ORDER, CachedCurveReads.PREFIX);
	}

}
