package dev.lrtune.job;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The clock of client-run jobs' leases: the system clock, unless the application (a test that moves time) defines
 * its own {@link Clock} bean.
 */
@Configuration(proxyBeanMethods = false)
class ClientRunClock {

	@Bean
	@ConditionalOnMissingBean(Clock.class)
	Clock clock() {
		return Clock.systemUTC();
	}

}
