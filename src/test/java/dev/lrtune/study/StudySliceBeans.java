package dev.lrtune.study;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** The study API's collaborator, mocked. Part of {@code @ApiSlice}, never used alone. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@MockitoBean(types = StudyManagement.class)
public @interface StudySliceBeans {

}
