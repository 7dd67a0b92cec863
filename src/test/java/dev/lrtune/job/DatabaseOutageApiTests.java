package dev.lrtune.job;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.CannotCreateTransactionException;

import dev.lrtune.ApiSlice;

/**
 * While the database is down the API answers 503 problem+json with {@code Retry-After}: the exceptions are the
 * ones Spring raises when Hikari finds no connection within its timeout or PostgreSQL is shutting down.
 */
@ApiSlice
class DatabaseOutageApiTests {

	private static final String VALID = """
			{"type": "training", "dataset": "synthetic:moons", "model": {"type": "logistic"},
			 "training": {"iterations": 100, "schedule": {"type": "constant", "lr": 0.1}}}""";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JobManagement management;

	@Autowired
	private ClientRuns clientRuns;

	@Test
	void whenNoConnectionCanBeHadForATransactionThenASubmissionIsA503WithRetryAfter() throws Exception {
		given(management.submit(any())).willThrow(new CannotCreateTransactionException(
				"Could not open JPA EntityManager for transaction", new SQLTransientConnectionException(
						"HikariPool-1 - Connection is not available, request timed out after 3000ms.")));
		mvc.perform(post("/api/v1/jobs").contentType(MediaType.APPLICATION_JSON).content(VALID))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "5"))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Database unavailable"))
			.andExpect(jsonPath("$.detail").value("The database cannot be reached right now; retry in a few seconds."));
	}

	@Test
	void whenPostgresqlIsShuttingDownThenReadingAJobIsA503() throws Exception {
		given(management.json(anyLong())).willThrow(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
				new SQLException("FATAL: the database system is shutting down", "57P03")));
		mvc.perform(get("/api/v1/jobs/1"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "5"))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void whenADataAccessErrorIsNotAnOutageThenItStaysA500WithoutDetails() throws Exception {
		given(management.json(anyLong())).willThrow(new DataIntegrityViolationException("duplicate key value",
				new SQLException("ERROR: duplicate key value violates unique constraint", "23505")));
		mvc.perform(get("/api/v1/jobs/1"))
			.andExpect(status().isInternalServerError())
			.andExpect(header().doesNotExist("Retry-After"))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Internal error"));
	}

}
