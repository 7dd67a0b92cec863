package dev.lrtune.job.queue;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the queue ({@code lrtune.queue.*}).
 *
 * @param maxQueued the most queued jobs; past it {@code POST /jobs} answers 429. The default, 10,000, is hours of
 *     work for a small pool and far more than a person queues by hand, so a backlog past it is a client submitting
 *     in a loop, which the 429 slows down before the table and every listing of it grow without bound
 * @param retryAfter what the 429's {@code Retry-After} says
 */
@ConfigurationProperties("lrtune.queue")
public record QueueSettings(@DefaultValue("10000") int maxQueued, @DefaultValue("5s") Duration retryAfter) {
}
