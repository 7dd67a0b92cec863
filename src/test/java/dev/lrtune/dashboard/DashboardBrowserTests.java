package dev.lrtune.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * The dashboard in headless Chromium against the application on H2: a range test started from the form and plotted
 * the way fastai plots it, the jobs list, and a CSV upload that fails in plain words. Skipped without Chromium.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:dashboard;DB_CLOSE_DELAY=-1", "lrtune.workers.threads=1",
		"lrtune.curves.flush-interval=50ms", "lrtune.curves.stream.poll-interval=100ms" })
class DashboardBrowserTests extends BrowserTests {

	/** Counts the plot canvas' pixels within {@code tolerance} of an RGB colour (any opaque pixel: tolerance 255). */
	static final String COUNT_PIXELS = """
			const [r, g, b, tolerance] = arguments;
			const canvas = document.querySelector('#plot canvas');
			const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
			let count = 0;
			for (let i = 0; i < data.length; i += 4) {
			  if (data[i + 3] > 200 && Math.abs(data[i] - r) <= tolerance && Math.abs(data[i + 1] - g) <= tolerance
			      && Math.abs(data[i + 2] - b) <= tolerance) count++;
			}
			return count;""";

	/** The marker colours of job.html. */
	private static final Map<String, int[]> MARKERS = Map.of("minimum", new int[] { 0x7c, 0x3a, 0xed }, "steepest",
			new int[] { 0x08, 0x91, 0xb2 }, "valley", new int[] { 0x16, 0xa3, 0x4a }, "divergence",
			new int[] { 0xea, 0x58, 0x0c }, "recommended", new int[] { 0xdc, 0x26, 0x26 });

	@Test
	void aRangeTestStartedFromTheFormIsPlottedAsLossAgainstLrWithItsSuggestionsMarked() throws IOException {
		browser.get(url("/range-test"));
		new Select(browser.findElement(By.id("generator"))).selectByVisibleText("moons");
		type("startLr", "1e-5");
		type("endLr", "100");
		type("iterations", "300");
		assertThat(new Select(browser.findElement(By.id("model"))).getFirstSelectedOption().getText()).isEqualTo("logistic");
		browser.findElement(By.id("start")).click();

		Chromium.waiting(browser).until(ExpectedConditions.urlMatches("/jobs/\\d+$"));
		String id = browser.getCurrentUrl().replaceAll(".*/jobs/", "");
		Chromium.waiting(browser).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#suggestions li"), 5));
		Chromium.waiting(browser).until(d -> pixels(new int[] { 0x25, 0x63, 0xeb }, 40) > 0);

		assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("succeeded");
		assertThat(pixels(new int[] { 0, 0, 0 }, 255)).as("drawn pixels").isGreaterThan(5_000);
		assertThat(pixels(new int[] { 0x25, 0x63, 0xeb }, 40)).as("the loss curve").isGreaterThan(300);
		MARKERS.forEach((name, colour) -> assertThat(pixels(colour, 40)).as(name + " marker").isGreaterThan(40));
		assertThat(browser.findElement(By.cssSelector(".u-title")).getText()).startsWith("Loss against learning rate");
		assertThat(browser.executeScript("return plot.scales.x.distr")).as("x scale: 3 is uPlot's log scale").isEqualTo(3L);
		assertThat(browser.executeScript("return plot.series.length")).as("lr and the loss").isEqualTo(2L);

		Map<String, Object> recommendation = RestClient.create(url("")).get().uri("/api/v1/jobs/" + id + "/recommendation")
			.retrieve()
			.body(JSON);
		Map<String, Object> suggestions = (Map<String, Object>) recommendation.get("suggestions");
		for (String name : new String[] { "minimum", "steepest", "valley", "divergence" }) {
			assertThat(shownLr(name)).as(name).isCloseTo(((Number) suggestions.get(name)).doubleValue(),
					within(0.005 * ((Number) suggestions.get(name)).doubleValue()));
		}
		double recommended = ((Number) recommendation.get("recommendedLr")).doubleValue();
		assertThat(shownLr("recommended")).isCloseTo(recommended, within(0.005 * recommended));
		assertThat(suggestion("recommended").getText()).endsWith("(" + recommendation.get("method") + ")");
		// the analysis' warnings, each with its sentence, as the API gives them (none is listed when there are none)
		List<Map<String, Object>> warnings = (List<Map<String, Object>>) recommendation.get("warnings");
		assertThat(browser.findElements(By.cssSelector("#warnings li")))
			.extracting(li -> li.getDomAttribute("data-code"))
			.containsExactlyElementsOf(warnings.stream().map(w -> (String) w.get("code")).toList());
		assertThat(browser.findElement(By.id("warnings")).isDisplayed()).isEqualTo(!warnings.isEmpty());
		Path screenshot = Chromium.screenshot(browser, "dashboard-range-test.png");
		assertThat(Files.size(screenshot)).isPositive();

		String recommendedShown = suggestionText("recommended");
		browser.get(url("/"));
		WebElement row = Chromium.waiting(browser)
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-job='" + id + "']")));
		assertThat(row.getText()).contains("#" + id, "range_test", "succeeded", "synthetic:moons", "100%",
				"lr " + recommendedShown + " (" + recommendation.get("method") + ")");
		new Select(browser.findElement(By.id("status"))).selectByVisibleText("failed");
		Chromium.waiting(browser).until(ExpectedConditions.textToBe(By.id("message"), "No jobs yet."));
		assertThat(browser.getCurrentUrl()).endsWith("status=failed");
	}

	@Test
	@SuppressWarnings("unchecked")
	void anLrSearchsPageShowsTheRangeTestsWarningsPlotsTheRaceAndOffersTheMeasuredRateFirst() {
		RestClient client = RestClient.create(url("/api/v1"));
		// a range test that stops at lr 1, where logistic regression on moons still improves: no divergence to see
		Map<String, Object> search = client.post().uri("/jobs").contentType(MediaType.APPLICATION_JSON).body("""
				{"type": "lr_search", "dataset": "synthetic:moons?samples=600&seed=3", "model": {"type": "logistic"},
				 "batchSize": 16, "seed": 42, "rangeTest": {"startLr": 1e-5, "endLr": 1},
				 "lrSearch": {"iterations": 150, "family": "cosine"}}""").retrieve().body(JSON);
		String id = String.valueOf(search.get("id"));
		browser.get(url("/jobs/" + id));
		Chromium.waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("train-form")));
		Map<String, Object> recommendation = client.get().uri("/jobs/" + id + "/recommendation").retrieve().body(JSON);

		List<String> codes = ((List<Map<String, Object>>) recommendation.get("warnings")).stream()
			.map(w -> (String) w.get("code"))
			.toList();
		assertThat(codes).contains("no_divergence");
		assertThat(browser.findElements(By.cssSelector("#warnings li")))
			.extracting(li -> li.getDomAttribute("data-code"))
			.containsExactlyElementsOf(codes);
		assertThat(browser.findElement(By.cssSelector("#warnings li[data-code='no_divergence']")).getText())
			.contains("raise endLr");

		assertThat(browser.findElement(By.id("search")).isDisplayed()).isTrue();
		assertThat(browser.findElement(By.cssSelector("#evidence-plot .u-title")).getText())
			.startsWith("Each raced rate");
		assertThat(browser.findElement(By.cssSelector("#plot .u-title")).getText()).startsWith("Loss against learning rate");
		double measured = ((Number) recommendation.get("recommendedLr")).doubleValue();
		assertThat(browser.findElement(By.id("search-note")).getText()).contains("Measured rate " + format(measured));
		// the winner's red dot is on the race's chart
		Chromium.waiting(browser).until(d -> ((Number) browser.executeScript(COUNT_PIXELS.replace("#plot canvas",
				"#evidence-plot canvas"), 0xdc, 0x26, 0x26, 40)).intValue() > 20);

		Select from = new Select(browser.findElement(By.id("train-from")));
		assertThat(from.getFirstSelectedOption().getText()).startsWith("measured (search)");
		assertThat(Double.parseDouble(browser.findElement(By.id("train-lr")).getDomProperty("value"))).isEqualTo(measured);
		assertThat(new Select(browser.findElement(By.id("train-schedule"))).getFirstSelectedOption().getDomAttribute("value"))
			.isEqualTo("cosine");
		assertThat(browser.findElement(By.id("train-iterations")).getDomProperty("value")).isEqualTo("150");
	}

	/** A number as the dashboard's fmt shows it. */
	private static String format(double value) {
		return (String) browser.executeScript("return fmt(arguments[0])", value);
	}

	@Test
	void aRangeTestsPageStartsATrainingJobAtTheChosenSuggestionWithTheSameDataModelAndSeed() {
		RestClient client = RestClient.create(url("/api/v1"));
		Map<String, Object> rangeTest = client.post().uri("/jobs").contentType(MediaType.APPLICATION_JSON).body("""
				{"type": "range_test", "dataset": "synthetic:moons?samples=600&seed=3", "model": {"type": "logistic"},
				 "optimizer": {"type": "sgd", "momentum": 0.5}, "batchSize": 16, "seed": 42,
				 "rangeTest": {"startLr": 1e-5, "endLr": 100, "iterations": 200}}""").retrieve().body(JSON);
		browser.get(url("/jobs/" + rangeTest.get("id")));
		Chromium.waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("train-form")));
		Map<String, Object> recommendation = client.get().uri("/jobs/" + rangeTest.get("id") + "/recommendation")
			.retrieve()
			.body(JSON);
		double valley = ((Number) ((Map<String, Object>) recommendation.get("suggestions")).get("valley")).doubleValue();
		assertThat(Double.parseDouble(browser.findElement(By.id("train-lr")).getDomProperty("value")))
			.isEqualTo(((Number) recommendation.get("recommendedLr")).doubleValue());

		new Select(browser.findElement(By.id("train-from"))).selectByVisibleText("valley " + suggestionText("valley"));
		new Select(browser.findElement(By.id("train-schedule"))).selectByValue("cosine");
		type("train-iterations", "400");
		type("train-evaluate", "50");
		browser.findElement(By.id("train-start")).click();

		Chromium.waiting(browser).until(d -> !d.getCurrentUrl().endsWith("/jobs/" + rangeTest.get("id")));
		String id = browser.getCurrentUrl().replaceAll(".*/jobs/", "");
		Chromium.waiting(browser).until(ExpectedConditions.textToBe(By.id("status"), "succeeded"));
		Chromium.waiting(browser).until(d -> pixels(new int[] { 0xdc, 0x26, 0x26 }, 40) > 20);
		Map<String, Object> training = client.get().uri("/jobs/" + id).retrieve().body(JSON);
		Map<String, Object> asked = (Map<String, Object>) training.get("request");
		Map<String, Object> rangeTestAsked = (Map<String, Object>) rangeTest.get("request");
		for (String field : new String[] { "dataset", "model", "optimizer", "batchSize", "seed", "validationFraction" }) {
			assertThat(asked.get(field)).as(field).isEqualTo(rangeTestAsked.get(field));
		}
		Map<String, Object> trainingAsked = (Map<String, Object>) asked.get("training");
		Map<String, Object> schedule = (Map<String, Object>) trainingAsked.get("schedule");
		assertThat(trainingAsked).containsEntry("iterations", 400).containsEntry("evaluateEvery", 50);
		assertThat(schedule).containsEntry("type", "cosine").containsEntry("tMax", 400);
		assertThat(((Number) schedule.get("lr")).doubleValue()).isEqualTo(valley);

		assertThat(browser.executeScript("return plot.scales.loss.distr")).as("a linear loss axis").isEqualTo(1L);
		browser.findElement(By.id("log")).click();
		assertThat(browser.executeScript("return plot.scales.loss.distr")).as("3 is uPlot's log scale").isEqualTo(3L);
		Chromium.waiting(browser).until(d -> pixels(new int[] { 0xdc, 0x26, 0x26 }, 40) > 20);
	}

	@Test
	@SuppressWarnings("unchecked")
	void aRangeTestsPageMeasuresTheRateForTheRunItsFormDescribesAndThatPageOffersTheMeasuredRateFirst() {
		RestClient client = RestClient.create(url("/api/v1"));
		Map<String, Object> rangeTest = client.post().uri("/jobs").contentType(MediaType.APPLICATION_JSON).body("""
				{"type": "range_test", "dataset": "synthetic:moons?samples=600&seed=3", "model": {"type": "logistic"},
				 "batchSize": 16, "seed": 42, "rangeTest": {"startLr": 1e-5, "endLr": 10}}""").retrieve().body(JSON);
		browser.get(url("/jobs/" + rangeTest.get("id")));
		Chromium.waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("measure-start")));
		new Select(browser.findElement(By.id("train-schedule"))).selectByValue("constant");
		type("train-iterations", "120");
		browser.findElement(By.id("measure-start")).click();

		Chromium.waiting(browser).until(d -> !d.getCurrentUrl().endsWith("/jobs/" + rangeTest.get("id")));
		String id = browser.getCurrentUrl().replaceAll(".*/jobs/", "");
		Chromium.waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("train-form")));
		Map<String, Object> search = client.get().uri("/jobs/" + id).retrieve().body(JSON);
		Map<String, Object> asked = (Map<String, Object>) search.get("request");
		Map<String, Object> rangeTestAsked = (Map<String, Object>) rangeTest.get("request");
		assertThat(search.get("type")).isEqualTo("lr_search");
		for (String field : new String[] { "dataset", "model", "optimizer", "batchSize", "seed", "validationFraction",
				"rangeTest" }) {
			assertThat(asked.get(field)).as(field).isEqualTo(rangeTestAsked.get(field));
		}
		assertThat((Map<String, Object>) asked.get("lrSearch")).containsEntry("iterations", 120)
			.containsEntry("family", "constant");
		assertThat(new Select(browser.findElement(By.id("train-from"))).getFirstSelectedOption().getText())
			.startsWith("measured (search)");
		assertThat(browser.findElement(By.id("measure")).isDisplayed()).as("an lr_search's page measures no further")
			.isFalse();
	}

	@Test
	void aCsvThatCannotBeReadIsRefusedInPlainWordsAndAGoodOneIsListed(@TempDir Path directory) throws IOException {
		Path ragged = Files.writeString(directory.resolve("ragged.csv"), "x,label\n1,a\n2,b,3\n");
		Path good = Files.writeString(directory.resolve("penguins.csv"),
				"id,mass,label\n1,3.7,a\n2,5.0,b\n3,,a\n4,3.5,a\n5,4.9,b\n");
		browser.get(url("/datasets"));

		browser.findElement(By.id("file")).sendKeys(ragged.toString());
		browser.findElement(By.id("send")).click();
		WebElement error = Chromium.waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".error")));
		assertThat(error.getText()).contains("Line 3 has 3 fields, but the header has 2 columns", "Quote fields");

		browser.findElement(By.id("file")).sendKeys(good.toString());
		browser.findElement(By.id("exclude")).sendKeys("id");
		new Select(browser.findElement(By.id("missing"))).selectByValue("drop");
		browser.findElement(By.id("send")).click();
		WebElement ok = Chromium.waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".ok")));
		assertThat(ok.getText()).contains("penguins", "5 rows parsed, 1 dropped, 4 stored; 1 feature, classification");
		assertThat(browser.findElement(By.id("upload-progress")).getText()).contains("100%", "sent and parsed");
		Chromium.waiting(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("datasets"), "penguins"));

		// The new dataset's columns are shown as read: mass numeric with its missing cell, label the target.
		WebElement columns = Chromium.waiting(browser)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr.summary table.columns")));
		// mean 17.1 / 4 and the population standard deviation √(1.8475 / 4) of 3.7, 5.0, 3.5 and 4.9
		assertThat(columns.getText()).contains("id excluded", "mass numeric 1 3.5 5 4.28 0.68",
				"label (target) categorical 0 a, b");
		Chromium.screenshot(browser, "dashboard-datasets.png");
		browser.findElement(By.cssSelector("button.delete")).click();
		Alert confirm = Chromium.waiting(browser).until(ExpectedConditions.alertIsPresent());
		assertThat(confirm.getText()).contains("penguins");
		confirm.accept();
		Chromium.waiting(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".ok"), "Deleted"));
		Chromium.waiting(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("datasets"), "No datasets uploaded yet"));
	}

	private long pixels(int[] rgb, int tolerance) {
		return ((Number) browser.executeScript(COUNT_PIXELS, rgb[0], rgb[1], rgb[2], tolerance)).longValue();
	}

	private WebElement suggestion(String name) {
		return browser.findElement(By.cssSelector("#suggestions li[data-name='" + name + "']"));
	}

	private String suggestionText(String name) {
		return suggestion(name).findElement(By.className("lr")).getText();
	}

	private double shownLr(String name) {
		return Double.parseDouble(suggestionText(name));
	}

}
