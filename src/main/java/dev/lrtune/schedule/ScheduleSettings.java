package dev.lrtune.schedule;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the schedule API.
 *
 * @param maxPreviewSteps the most steps one {@code POST /schedules/preview} may ask for
 */
@ConfigurationProperties("lrtune.schedules")
record ScheduleSettings(@DefaultValue("1000000") int maxPreviewSteps) {
}
