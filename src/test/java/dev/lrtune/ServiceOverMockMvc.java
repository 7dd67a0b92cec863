package dev.lrtune;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The whole service behind {@code MockMvc}, on an in-memory H2 database, with the workers off (a job submitted stays
 * queued). Every test class annotated so shares one Spring context and its database, so none may count what
 * another stored.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = "lrtune.workers.enabled=false")
@AutoConfigureMockMvc
public @interface ServiceOverMockMvc {

}
