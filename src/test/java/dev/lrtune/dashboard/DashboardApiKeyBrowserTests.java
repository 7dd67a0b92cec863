package dev.lrtune.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * With API keys configured the pages themselves stay open; the dashboard asks for the key once, keeps it in
 * localStorage and sends it with every call, and the job page follows a running job over its stream, which passes the
 * key as {@code ?apiKey=}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:dashboard-api-keys;DB_CLOSE_DELAY=-1", "lrtune.workers.threads=1",
		"lrtune.curves.flush-interval=50ms", "lrtune.curves.stream.poll-interval=100ms",
		"lrtune.security.api-keys=dashboard-key" })
class DashboardApiKeyBrowserTests extends BrowserTests {

	@Test
	void theDashboardAsksForTheKeyOnceSendsItWithEveryCallAndFollowsARunningJobLive(@TempDir Path directory)
			throws IOException {
		Path csv = Files.writeString(directory.resolve("keyed.csv"), "x,label\n1,a\n2,b\n3,a\n");
		RestClient api = RestClient.builder().baseUrl(url("")).defaultHeader("X-API-Key", "dashboard-key").build();
		// Long enough to be still running when the page opens (it is cancelled from the page).
		Map<String, Object> job = api.post().uri("/api/v1/jobs")
			.contentType(MediaType.APPLICATION_JSON)
			.body("""
					{"type": "training", "dataset": "synthetic:moons?samples=2000&seed=7",
					 "model": {"type": "mlp", "hidden": [64, 32]}, "optimizer": {"type": "sgd", "momentum": 0.9},
					 "training": {"iterations": 5000000, "evaluateEvery": 1000, "schedule": {"type": "constant", "lr": 0.05}}}""")
			.retrieve()
			.body(JSON);
		String jobUrl = "/api/v1/jobs/" + job.get("id");
		await().atMost(Duration.ofSeconds(30)).until(() -> "running".equals(api.get().uri(jobUrl).retrieve().body(JSON).get("status")));

		browser.get(url("/"));
		Alert prompt = Chromium.waiting(browser).until(ExpectedConditions.alertIsPresent());
		assertThat(prompt.getText()).contains("Missing API key", "X-API-Key");
		prompt.sendKeys("dashboard-key");
		prompt.accept();
		// The list redraws itself every second while a job runs.
		Chromium.waiting(browser).until(ExpectedConditions.textMatches(By.cssSelector("tr[data-job='" + job.get("id") + "']"),
				Pattern.compile("(?s)running.*ETA")));
		assertThat(browser.executeScript("return localStorage.getItem('lrtune.apiKey')")).isEqualTo("dashboard-key");

		// Another page, no second prompt: the stored key is sent, and the points arrive by the stream (?apiKey=).
		browser.get(url("/jobs/" + job.get("id")));
		Chromium.waiting(browser).until(d -> ((Number) browser.executeScript("return raw.iteration.length")).longValue() > 1000
				&& ((Number) browser.executeScript(DashboardBrowserTests.COUNT_PIXELS, 0x25, 0x63, 0xeb, 40)).longValue() > 300);
		assertThat(browser.executeScript("return document.getElementById('status').textContent")).isEqualTo("running");
		// Read in one script: the live plot is rebuilt as points arrive, so a title element found first may be gone.
		assertThat(browser.executeScript("return document.querySelector('.u-title').textContent"))
			.isEqualTo("Loss and learning rate against iteration");

		browser.findElement(By.id("cancel")).click();
		Chromium.waiting(browser).until(ExpectedConditions.textToBe(By.id("status"), "cancelled"));
		assertThat(browser.findElements(By.cssSelector(".error"))).isEmpty();

		// The studies page reads the list and the uploaded datasets with the stored key too (a prompt would fail here).
		browser.get(url("/studies"));
		Chromium.waiting(browser).until(ExpectedConditions.textToBe(By.id("message"), "No studies yet."));
		assertThat(browser.findElements(By.cssSelector(".error"))).isEmpty();

		// An upload goes by XMLHttpRequest (for its progress), with the stored key as well.
		browser.get(url("/datasets"));
		browser.findElement(By.id("file")).sendKeys(csv.toString());
		browser.findElement(By.id("send")).click();
		WebElement ok = Chromium.waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".ok")));
		assertThat(ok.getText()).contains("keyed", "3 rows parsed, 0 dropped, 3 stored");
	}

}
