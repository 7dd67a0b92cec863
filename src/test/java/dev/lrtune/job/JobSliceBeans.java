package dev.lrtune.job;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The job API's collaborators, mocked, and the real {@link JobWaits} over the mocked {@link JobManagement}. Part of
 * {@code @ApiSlice}, never used alone.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@MockitoBean(types = { JobManagement.class, ClientRuns.class })
@Import(JobWaits.class)
public @interface JobSliceBeans {

}
