package dev.lrtune.dashboard;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

import io.swagger.v3.oas.annotations.Hidden;

/**
 * Shareable page URLs of the dashboard ({@code /jobs/42}, {@code /studies/7}, {@code /datasets}), forwarded to the
 * static page that draws them; the page reads the id from its own URL. {@code /} is the static {@code index.html}
 * (Spring Boot's welcome page). None of these paths is under {@code /api}, so API keys never guard them: the pages
 * ask for the key themselves and send it with every API call.
 */
@Controller
@Hidden
class DashboardController {

	@GetMapping("/jobs/{id:\\d+}")
	String job() {
		return "forward:/job.html";
	}

	@GetMapping("/studies")
	String studies() {
		return "forward:/studies.html";
	}

	@GetMapping("/studies/{id:\\d+}")
	String study() {
		return "forward:/study.html";
	}

	@GetMapping("/datasets")
	String datasets() {
		return "forward:/datasets.html";
	}

	@GetMapping("/range-test")
	String rangeTest() {
		return "forward:/range-test.html";
	}

}
