package dev.lrtune.dashboard;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import dev.lrtune.ApiSlice;

@ApiSlice
class DashboardControllerTests {

	@Autowired
	private MockMvc mvc;

	@ParameterizedTest
	@CsvSource({ "/jobs/42, /job.html", "/studies, /studies.html", "/studies/7, /study.html", "/datasets, /datasets.html",
			"/range-test, /range-test.html" })
	void shareablePageUrlsForwardToTheirStaticPage(String url, String page) throws Exception {
		mvc.perform(get(url)).andExpect(status().isOk()).andExpect(forwardedUrl(page));
	}

	@Test
	void onlyNumericIdsArePages() throws Exception {
		mvc.perform(get("/jobs/abc")).andExpect(status().isNotFound());
		mvc.perform(get("/studies/abc")).andExpect(status().isNotFound());
	}

}
