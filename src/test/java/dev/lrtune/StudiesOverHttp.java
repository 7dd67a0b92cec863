package dev.lrtune;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole service over real HTTP on an in-memory H2 database, sized for studies: two workers (a study's trials run
 * side by side) and curves flushed every 50 ms. Running studies are looked at only once an hour
 * ({@code lrtune.studies.poll-interval=1h}): on one instance a study takes each step when the job it waited for ends
 * here, which {@code StudyEventTests} shows, and so does every study of the other classes. Every test class annotated
 * so shares one Spring context and its database, so each looks only at the studies and jobs it submitted.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:studies-over-http;DB_CLOSE_DELAY=-1", "lrtune.workers.threads=2",
		"lrtune.curves.flush-interval=50ms", "lrtune.studies.poll-interval=1h" })
public @interface StudiesOverHttp {

}
