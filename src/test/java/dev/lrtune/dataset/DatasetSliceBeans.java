package dev.lrtune.dataset;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The dataset API's storage, mocked, and the real catalog that parses uploads. Part of {@code @ApiSlice}, never used
 * alone.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@MockitoBean(types = { DatasetStore.class, DatasetWriter.class, DatasetLookups.class })
@Import(DatasetCatalog.class)
@EnableConfigurationProperties(DatasetSettings.class)
public @interface DatasetSliceBeans {

}
