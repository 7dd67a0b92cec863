package dev.lrtune.study;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of studies ({@code lrtune.studies.*}).
 *
 * @param pollInterval how often running studies are looked at: a rung whose trials all finished is closed and
 *     the next one queued within about this long
 */
@ConfigurationProperties("lrtune.studies")
record StudySettings(@DefaultValue("1s") Duration pollInterval) {
}
