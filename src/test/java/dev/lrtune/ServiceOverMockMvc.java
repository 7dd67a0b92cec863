package dev.lrtune;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The whole service behind {@code MockMvc}, on an in-memory H2 database, with the workers off (a job submitted stays
 * queued) and a read cache whose entries outlive any test ({@code lrtune.read-cache.ttl=1h}), so that what a test
 * reads back from the cache does not depend on timing. Every test class annotated so shares one Spring context and
 * its database, so none may count what another stored.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = { "lrtune.workers.enabled=false", "lrtune.read-cache.ttl=1h" })
@AutoConfigureMockMvc
public @interface ServiceOverMockMvc {

}
