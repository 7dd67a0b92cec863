package dev.lrtune.analysis;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/** The range-test API's analysis, real: it only computes. Part of {@code @ApiSlice}, never used alone. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Import(CurveAnalysis.class)
@EnableConfigurationProperties(RangeTestSettings.class)
public @interface RangeTestSliceBeans {

}
