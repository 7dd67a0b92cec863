package dev.lrtune.job;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock of jobs: submission and finish times, the leases of the queue, its workers and client runs. The
 * system clock, unless the application (a test that moves time) defines its own {@link Clock} bean.
 */
@Configuration(proxyBeanMethods = false)
class JobClock {

	@Bean
	@ConditionalOnMissingBean(Clock.class)
	Clock clock() {
		return Clock.systemUTC();
	}

}
