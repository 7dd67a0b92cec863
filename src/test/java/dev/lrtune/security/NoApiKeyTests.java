package dev.lrtune.security;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import dev.lrtune.ServiceOverMockMvc;

/**
 * With no keys configured (the default) the API needs no header.
 */
@ServiceOverMockMvc
class NoApiKeyTests {

	@Autowired
	private MockMvc mvc;

	@Test
	void theApiWorksWithoutAHeader() throws Exception {
		mvc.perform(get("/api/v1/schedules")).andExpect(status().isOk());
		mvc.perform(get("/api/v1/schedules").header("X-API-Key", "anything")).andExpect(status().isOk());
	}

	@Test
	void theSchemeIsDeclaredButNotRequired() throws Exception {
		mvc.perform(get("/v3/api-docs"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.components.securitySchemes.apiKey.name").value("X-API-Key"))
			.andExpect(jsonPath("$.security").doesNotExist());
	}

}
