package dev.lrtune.job.queue;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the start-up warm-up ({@code lrtune.warm-up.*}, see {@link StartupWarmUp}).
 *
 * @param enabled whether an instance with workers runs the jobs' code on small synthetic problems once it is ready,
 *     in one background thread, so that its first job does not wait for the JIT
 * @param rounds how many times it runs its set of small jobs (a worker's first claimed job stops it sooner)
 */
@ConfigurationProperties("lrtune.warm-up")
record WarmUpSettings(@DefaultValue("true") boolean enabled, @DefaultValue("5") int rounds) {
}
