package dev.lrtune.schedule;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/** The schedule API's beans, all real: they only compute. Part of {@code @ApiSlice}, never used alone. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Import({ SchedulePreview.class, ScheduleCatalog.class })
@EnableConfigurationProperties(ScheduleSettings.class)
public @interface ScheduleSliceBeans {

}
