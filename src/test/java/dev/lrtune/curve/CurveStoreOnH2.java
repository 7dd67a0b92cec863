package dev.lrtune.curve;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The curve store on an in-memory H2 database, without a web server or workers. Every class annotated so shares one
 * Spring context and its database, so each sets up the job rows it writes curves for before each test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
		"spring.datasource.url=jdbc:h2:mem:curve-store;DB_CLOSE_DELAY=-1", "lrtune.workers.enabled=false" })
@interface CurveStoreOnH2 {

}
