package dev.lrtune.job;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** The job API's collaborators, mocked. Part of {@code @ApiSlice}, never used alone. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@MockitoBean(types = { JobManagement.class, ClientRuns.class })
public @interface JobSliceBeans {

}
