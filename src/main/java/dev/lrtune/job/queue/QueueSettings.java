package dev.lrtune.job.queue;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the queue ({@code lrtune.queue.*}).
 *
 * @param maxQueued the most queued jobs; past it {@code POST /jobs} answers 429
 * @param retryAfter what the 429's {@code Retry-After} says
 */
@ConfigurationProperties("lrtune.queue")
public record QueueSettings(@DefaultValue("10000") int maxQueued, @DefaultValue("5s") Duration retryAfter) {
}
