package dev.lrtune;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole service over real HTTP on an in-memory H2 database, sized for studies: two workers (a study's trials run
 * side by side), curves flushed every 50 ms and running studies looked at every 50 ms. Every test class annotated so
 * shares one Spring context and its database, so each looks only at the studies and jobs it submitted.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:studies-over-http;DB_CLOSE_DELAY=-1", "lrtune.workers.threads=2",
		"lrtune.curves.flush-interval=50ms", "lrtune.studies.poll-interval=50ms" })
public @interface StudiesOverHttp {

}
