package dev.lrtune.study;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of studies ({@code lrtune.studies.*}).
 *
 * @param pollInterval how often running studies are looked at for jobs that finished on other instances (one
 *     finishing on this instance moves its study on at once)
 */
@ConfigurationProperties("lrtune.studies")
record StudySettings(@DefaultValue("1s") Duration pollInterval) {
}
