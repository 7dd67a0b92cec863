package dev.lrtune.job;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.TestPropertySource;

/**
 * The job API's two controllers in a web slice, a post of points capped at 4 points. Every class annotated so mocks
 * the same beans ({@code @MockitoBean JobManagement management} and {@code @MockitoBean ClientRuns clientRuns}) and
 * so shares one Spring context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest({ JobController.class, ClientRunController.class })
@TestPropertySource(properties = "lrtune.client-runs.max-points-per-post=" + JobApiSlice.MAX_POINTS_PER_POST)
@interface JobApiSlice {

	/** The most points one post may carry in these tests. */
	int MAX_POINTS_PER_POST = 4;

}
