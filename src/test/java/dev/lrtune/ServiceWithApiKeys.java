package dev.lrtune;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The whole service on a random port and behind {@code MockMvc}, on an in-memory H2 database, with the workers off and
 * three API keys: {@value #FIRST_KEY}, {@value #SECOND_KEY} and {@value #RARE_KEY}, a key unlike any other text for
 * tests that look for it in the log. Every test class annotated so shares one Spring context and its database, so
 * none may count what another stored.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:service-with-api-keys;DB_CLOSE_DELAY=-1", "lrtune.workers.enabled=false",
		"lrtune.security.api-keys=" + ServiceWithApiKeys.FIRST_KEY + ", " + ServiceWithApiKeys.SECOND_KEY + ", "
				+ ServiceWithApiKeys.RARE_KEY })
@AutoConfigureMockMvc
public @interface ServiceWithApiKeys {

	String FIRST_KEY = "first-key";

	String SECOND_KEY = "second-key";

	String RARE_KEY = "container-errors-key-7c1f";

}
