package dev.lrtune.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import dev.lrtune.StudiesOverHttp;

/**
 * The study pages in headless Chromium: a study started from the form on {@code /studies}, followed on its page until
 * it succeeds, then checked against the API: the winner's curve drawn in its colour over the grey pruned ones, the
 * winning schedule shown as the API's {@code best.schedule}, the trials in rank order. Skipped without Chromium.
 */
@StudiesOverHttp
class DashboardStudyBrowserTests extends BrowserTests {

	/** study.html's colours: the winner, and pruned or diverged trials. */
	private static final int[] WINNER = { 0xdc, 0x26, 0x26 };

	private static final int[] PRUNED = { 0x94, 0xa3, 0xb8 };

	/**
	 * Noisy linear regression where lr 3 is past the stability limit and diverges; the other two reach the second
	 * rung's decision on their validation loss. Rungs of 200 and 600 iterations: one trial goes on, two are pruned.
	 */
	private static final String CANDIDATES = """
			[{"type": "constant", "lr": 3},
			 {"type": "constant", "lr": 0.3},
			 {"type": "exponential", "lr": 0.3, "decayRate": 0.01, "decaySteps": 600}]""";

	@Test
	void aStudyStartedFromTheFormShowsEveryTrialsCurveTheWinnerAndItsScheduleToCopy() throws IOException {
		browser.get(url("/studies"));
		type("dataset", "synthetic:linear?samples=600&features=5&noise=1.0&seed=3");
		browser.findElement(By.id("dataset")).sendKeys("\t"); // leaves the field: the model that fits is chosen
		assertThat(new Select(browser.findElement(By.id("model"))).getFirstSelectedOption().getText()).isEqualTo("linear");
		type("momentum", "0");
		type("batchSize", "8");
		type("seed", "11");
		type("iterations", "600");
		type("evaluateEvery", "50");
		type("eta", "3");
		type("minIterations", "200");
		type("candidates", CANDIDATES);
		browser.findElement(By.id("start")).click();

		Chromium.waiting(browser).until(ExpectedConditions.urlMatches("/studies/\\d+$"));
		String id = browser.getCurrentUrl().replaceAll(".*/studies/", "");
		Chromium.waiting(browser).until(ExpectedConditions.textToBe(By.id("status"), "succeeded"));
		Chromium.waiting(browser).until(d -> pixels(WINNER, 40) > 300);

		String apiStudy = RestClient.create(url("")).get().uri("/api/v1/studies/" + id).retrieve().body(String.class);
		Map<String, Object> study = RestClient.create(url("")).get().uri("/api/v1/studies/" + id).retrieve().body(JSON);
		List<Map<String, Object>> trials = (List<Map<String, Object>>) study.get("trials");
		Map<String, Object> best = (Map<String, Object>) study.get("best");
		assertThat(best).as("best").isNotNull();
		assertThat(trials).hasSize(3);

		assertThat(pixels(new int[] { 0, 0, 0 }, 255)).as("drawn pixels").isGreaterThan(2_000);
		assertThat(pixels(WINNER, 40)).as("the winner's curve").isGreaterThan(300);
		assertThat(pixels(PRUNED, 12)).as("the pruned trials' curves").isGreaterThan(100);
		assertThat(browser.findElement(By.cssSelector(".u-title")).getText()).isEqualTo("Validation loss of every trial");
		assertThat(browser.executeScript("return plot.series.length")).as("iteration and the three trials").isEqualTo(4L);

		String shown = (String) browser.executeScript("return JSON.stringify(JSON.parse(document.getElementById('best').textContent))");
		String expected = (String) browser.executeScript("return JSON.stringify(JSON.parse(arguments[0]).best.schedule)", apiStudy);
		assertThat(shown).isEqualTo(expected).contains("\"type\"");
		browser.findElement(By.id("copy")).click();
		Chromium.waiting(browser).until(ExpectedConditions.textToBe(By.id("copy"), "Copied"));

		List<WebElement> rows = browser.findElements(By.cssSelector("#trials tbody tr"));
		assertThat(rows).extracting(row -> Long.valueOf(row.getDomAttribute("data-job")))
			.as("rows in the API's rank order")
			.containsExactlyElementsOf(trials.stream().map(trial -> ((Number) trial.get("jobId")).longValue()).toList());
		assertThat(rows).extracting(row -> row.getDomAttribute("data-rank")).containsExactly("1", "2", "3");
		assertThat(rows.get(0).getDomAttribute("data-job")).as("the winner's row").isEqualTo(String.valueOf(best.get("jobId")));
		assertThat(rows.get(0).getDomAttribute("class")).isEqualTo("best");
		assertThat(rows.get(0).getText()).contains("winner");
		for (int i = 0; i < trials.size(); i++) {
			Map<String, Object> trial = trials.get(i);
			if (Boolean.TRUE.equals(trial.get("diverged"))) {
				assertThat(rows.get(i).getText()).as("trial " + i).contains("diverged");
			}
			else if (Boolean.TRUE.equals(trial.get("pruned"))) {
				assertThat(rows.get(i).getText()).as("trial " + i).contains("pruned");
			}
		}
		assertThat(browser.findElements(By.cssSelector(".error"))).isEmpty();
		Map<String, Object> diverged = trials.stream().filter(trial -> Boolean.TRUE.equals(trial.get("diverged"))).findFirst().orElseThrow();
		assertThat(diverged.get("schedule")).as("the diverged trial").isEqualTo(Map.of("type", "constant", "lr", 3.0, "interval", "iteration"));
		assertThat(browser.findElement(By.id("plot-note")).getText()).as("the diverged trial, far above the axis, is named")
			.matches("Off the plot: #3 constant 3, diverged \\((validation loss [0-9.]+e\\d+ at iteration \\d+|no finite validation loss)\\)");

		browser.manage().window().setSize(new Dimension(1280, 1800));
		browser.executeScript("window.scrollTo(0, 0)");
		Path screenshot = Chromium.screenshot(browser, "dashboard-study.png");
		browser.manage().window().setSize(new Dimension(Chromium.WIDTH, Chromium.HEIGHT));
		assertThat(Files.size(screenshot)).isPositive();

		browser.get(url("/studies"));
		// The list redraws itself now and then, so the row is looked up again until it reads as expected.
		Chromium.waiting(browser).until(ExpectedConditions.textMatches(By.cssSelector("tr[data-study='" + id + "']"),
				Pattern.compile("(?s)#" + id + "\\s+succeeded\\s+synthetic:linear\\S*\\s+linear\\s+3\\s+done · 200 → 600 it\\s+"
						+ Pattern.quote((String) ((Map<String, Object>) best.get("schedule")).get("type"))
						+ "\\s+" + Pattern.quote(threeDigits(((Number) best.get("validationLoss")).doubleValue())) + "\\s+.*")));

		// The study's page links the jobs list filtered to its jobs, each of which links back to the study.
		browser.get(url("/studies/" + id));
		Chromium.waiting(browser).until(ExpectedConditions.elementToBeClickable(By.id("jobs-link"))).click();
		Chromium.waiting(browser).until(ExpectedConditions.urlContains("studyId=" + id));
		Number jobs = (Number) RestClient.create(url("")).get().uri("/api/v1/jobs?studyId=" + id).retrieve().body(JSON).get("totalItems");
		assertThat(jobs.intValue()).as("3 candidates at rung 0, 1 at rung 1").isEqualTo(4);
		List<WebElement> jobRows = Chromium.waiting(browser)
			.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#jobs tbody tr"), jobs.intValue()));
		assertThat(jobRows).allSatisfy(row -> assertThat(row.getText()).contains("training · study #" + id));
	}

	@Test
	void aStudyWithoutCandidatesLinksItsRangeTestAndIsCancelledFromItsPage() {
		RestClient api = RestClient.create(url(""));
		Map<String, Object> study = api.post().uri("/api/v1/studies")
			.contentType(MediaType.APPLICATION_JSON)
			.body("""
					{"dataset": "synthetic:moons?samples=2000&seed=7", "model": {"type": "mlp", "hidden": [64, 32]},
					 "iterations": 500000,
					 "rangeTest": {"startLr": 1e-7, "endLr": 1e-3, "iterations": 100000, "repeats": 20}}""")
			.retrieve()
			.body(JSON);
		browser.get(url("/studies/" + study.get("id")));

		Chromium.waiting(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("range-test-link")));
		// Read in one script: the facts are redrawn every second while the study runs.
		assertThat(browser.executeScript("return document.getElementById('range-test-link').getAttribute('href')"))
			.isEqualTo("/jobs/" + study.get("rangeTestJobId"));
		Chromium.waiting(browser).until(ExpectedConditions.textMatches(By.id("facts"), Pattern.compile("stage\\s+range test")));
		browser.findElement(By.id("cancel")).click();
		Chromium.waiting(browser).until(ExpectedConditions.textToBe(By.id("status"), "cancelled"));
		assertThat(api.get().uri("/api/v1/jobs/" + study.get("rangeTestJobId")).retrieve().body(JSON).get("status"))
			.isEqualTo("cancelled");
	}

	/**
	 * A client-run study followed live: three trials asked and posted over the API (validation losses 0.5, 0.4 and 0.9
	 * at the first rung, so with eta 2 the third, worse than the best so far, is pruned); its page shows each trial's
	 * value at the rung and which one was pruned, and the list names it instead of a dataset.
	 */
	@Test
	void aClientRunStudyShowsItsTrialsJudgementsAtTheRungsAndThePrunedOne() {
		RestClient api = RestClient.create(url(""));
		Map<String, Object> study = api.post().uri("/api/v1/studies")
			.contentType(MediaType.APPLICATION_JSON)
			.body("""
					{"runner": "client", "name": "gpu box", "iterations": 40,
					 "candidates": [{"type": "constant", "lr": 0.1}, {"type": "constant", "lr": 0.2},
					                {"type": "constant", "lr": 0.3}],
					 "strategy": {"type": "successive_halving", "eta": 2, "minIterations": 10}}""")
			.retrieve()
			.body(JSON);
		Object id = study.get("id");
		double[] validation = { 0.5, 0.4, 0.9 };
		for (double loss : validation) {
			Number job = (Number) api.post().uri("/api/v1/studies/" + id + "/ask").retrieve().body(JSON).get("jobId");
			api.post().uri("/api/v1/jobs/" + job + "/points").contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("iteration", List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), "lr", java.util.Collections.nCopies(10, 0.1),
						"loss", java.util.Collections.nCopies(10, 1.0),
						"validation", Map.of("iteration", List.of(9), "loss", List.of(loss))))
				.retrieve()
				.body(JSON);
		}
		browser.get(url("/studies/" + id));
		Chromium.waiting(browser).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#trials tbody tr"), 3));
		Chromium.waiting(browser).until(ExpectedConditions.textMatches(By.id("facts"), Pattern.compile("trained by\\s+clients")));
		assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("running");
		// Read in one script: the page redraws itself every second while the study runs.
		List<?> rows = (List<?>) browser.executeScript("return [...document.querySelectorAll('#trials tbody tr')]"
				+ ".map(row => row.className + ' | ' + row.innerText)");
		// the two still running tie (no finished loss to rank by yet) and stand in candidate order
		assertThat(rows.get(0).toString()).contains("1: 0.5 ✓");
		assertThat(rows.get(1).toString()).contains("1: 0.4 ✓");
		assertThat(rows.get(2).toString()).startsWith("pruned | ").contains("1: 0.9 ✗ pruned");
		assertThat(browser.findElements(By.cssSelector(".error"))).isEmpty();

		browser.get(url("/studies"));
		Chromium.waiting(browser).until(ExpectedConditions.textMatches(By.cssSelector("tr[data-study='" + id + "']"),
				Pattern.compile("(?s)#" + id + "\\s+running\\s+client-run: gpu box\\s+–\\s+3\\s+.*")));
		api.post().uri("/api/v1/studies/" + id + "/cancel").retrieve().body(JSON);
	}

	/**
	 * A generated study (no candidates: a learning-rate search first): its constant candidate's whole run is the
	 * search's, so the page plots that candidate from its part of the search's curve, numbered from 0 like a trial's
	 * own job, and marks its one run as the search's. What is plotted must be the validation curve of a training job
	 * that trains the candidate's schedule with the study's seed, data and budget (the core is deterministic).
	 */
	@Test
	void aGeneratedStudyPlotsItsConstantCandidateFromTheSearchsCurveNumberedFromZero() {
		RestClient api = RestClient.create(url(""));
		Map<String, Object> submitted = api.post().uri("/api/v1/studies")
			.contentType(MediaType.APPLICATION_JSON)
			.body("""
					{"dataset": "synthetic:moons?samples=600&noise=0.2&seed=7", "model": {"type": "logistic"},
					 "seed": 5, "iterations": 900}""")
			.retrieve()
			.body(JSON);
		Object id = submitted.get("id");
		long searchJobId = ((Number) submitted.get("rangeTestJobId")).longValue();
		Map<String, Object> study = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20))
			.until(() -> api.get().uri("/api/v1/studies/" + id).retrieve().body(JSON),
					s -> List.of("succeeded", "failed", "cancelled").contains(s.get("status")));
		assertThat(study.get("status")).isEqualTo("succeeded");
		List<Map<String, Object>> trials = (List<Map<String, Object>>) study.get("trials");
		Map<String, Object> constant = trials.stream().filter(t -> ((Number) t.get("candidate")).intValue() == 0)
			.findFirst().orElseThrow();
		assertThat(((Number) constant.get("jobId")).longValue()).as("the constant candidate's job is the search").isEqualTo(searchJobId);
		int iterations = ((Number) constant.get("iterations")).intValue();
		assertThat(iterations).isEqualTo(900);

		// the same run trained as an ordinary training job: its own curve starts at iteration 0
		Map<String, Object> request = (Map<String, Object>) study.get("request");
		Map<String, Object> job = new LinkedHashMap<>();
		job.put("type", "training");
		for (String key : List.of("dataset", "model", "optimizer", "seed", "batchSize", "validationFraction", "standardizeTarget")) {
			if (request.get(key) != null) {
				job.put(key, request.get(key));
			}
		}
		job.put("training", Map.of("iterations", iterations, "evaluateEvery", request.get("evaluateEvery"),
				"schedule", constant.get("schedule")));
		Object again = api.post().uri("/api/v1/jobs").contentType(MediaType.APPLICATION_JSON).body(job).retrieve().body(JSON).get("id");
		Map<String, Object> trained = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
			.until(() -> api.get().uri("/api/v1/jobs/" + again).retrieve().body(JSON),
					j -> List.of("succeeded", "failed", "diverged", "cancelled").contains(j.get("status")));
		assertThat(trained.get("status")).isEqualTo("succeeded");
		Map<String, Object> validation = (Map<String, Object>) api.get().uri("/api/v1/jobs/" + again + "/curve").retrieve()
			.body(JSON).get("validation");
		List<Number> expectedIterations = (List<Number>) validation.get("iteration");
		List<Number> expectedLosses = (List<Number>) validation.get("loss");
		assertThat(expectedIterations).as("the reproduced run's validation points").hasSizeGreaterThan(2)
			.last().extracting(Number::intValue).isEqualTo(iterations - 1);

		browser.get(url("/studies/" + id));
		Chromium.waiting(browser).until(ExpectedConditions.textToBe(By.id("status"), "succeeded"));
		// [iteration, loss] of every point plotted for the constant candidate (series 0 is the x axis; the trials are
		// drawn worst first)
		String plotted = """
				const i = study.trials.slice().reverse().findIndex(t => t.candidate === 0) + 1;
				if (!plot || i < 1 || !plot.data[i]) return [];
				return plot.data[0].map((x, k) => [x, plot.data[i][k]]).filter(p => p[1] !== null && p[1] !== undefined);""";
		Chromium.waiting(browser).until(d -> ((List<?>) browser.executeScript(plotted)).size() == expectedIterations.size());
		List<List<Number>> points = (List<List<Number>>) browser.executeScript(plotted);
		assertThat(points).extracting(p -> p.get(0).intValue()).as("the plotted iterations, numbered from 0")
			.containsExactlyElementsOf(expectedIterations.stream().map(Number::intValue).toList());
		assertThat(points).extracting(p -> p.get(1).doubleValue()).as("the plotted validation losses")
			.containsExactlyElementsOf(expectedLosses.stream().map(Number::doubleValue).toList());

		// its row: ranked with the others, its one run the search's job, marked as such and explained by the note
		WebElement row = browser.findElement(By.cssSelector("#trials tbody tr[data-job='" + searchJobId + "']"));
		List<WebElement> links = row.findElements(By.cssSelector("td:last-child a"));
		assertThat(links).singleElement().satisfies(link -> {
			assertThat(link.getText()).isEqualTo("3: #" + searchJobId + " (the search)");
			assertThat(link.getDomAttribute("href")).isEqualTo("/jobs/" + searchJobId);
			assertThat(link.getDomAttribute("title")).startsWith((String) constant.get("note"));
		});
		assertThat(browser.findElements(By.cssSelector("#trials tbody td:last-child a")))
			.as("the racing candidates' runs are their own jobs")
			.filteredOn(link -> link.getText().contains("(the search)"))
			.hasSize(1);
		assertThat(browser.findElements(By.cssSelector(".error"))).isEmpty();
	}

	/** A loss as the dashboard's fmt() shows one between 0.01 and 1000: three significant digits. */
	private static String threeDigits(double value) {
		return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
	}

	private long pixels(int[] rgb, int tolerance) {
		return ((Number) browser.executeScript(DashboardBrowserTests.COUNT_PIXELS, rgb[0], rgb[1], rgb[2], tolerance))
			.longValue();
	}

}
