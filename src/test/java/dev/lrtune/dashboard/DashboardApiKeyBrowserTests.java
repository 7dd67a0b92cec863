package dev.lrtune.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * With API keys configured the pages themselves stay open; the dashboard asks for the key once, keeps it in
 * localStorage and sends it with every call, and the job page's live stream passes it as {@code ?apiKey=}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:dashboard-api-keys;DB_CLOSE_DELAY=-1", "lrtune.workers.threads=1",
		"lrtune.curves.flush-interval=50ms", "lrtune.security.api-keys=dashboard-key" })
class DashboardApiKeyBrowserTests {

	private static ChromeDriver browser;

	@LocalServerPort
	private int port;

	@BeforeAll
	static void startBrowser() {
		browser = Chromium.startOrSkip();
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void theDashboardAsksForTheKeyOnceAndSendsItWithEveryCall() {
		Map<String, Object> job = RestClient.create(url("")).post().uri("/api/v1/jobs")
			.header("X-API-Key", "dashboard-key")
			.contentType(MediaType.APPLICATION_JSON)
			.body("""
					{"type": "training", "dataset": "synthetic:moons?samples=500&seed=7", "model": {"type": "logistic"},
					 "training": {"iterations": 3000, "evaluateEvery": 500, "schedule": {"type": "constant", "lr": 0.1}}}""")
			.retrieve()
			.body(new ParameterizedTypeReference<Map<String, Object>>() {
			});

		browser.get(url("/"));
		Alert prompt = Chromium.waiting(browser).until(ExpectedConditions.alertIsPresent());
		assertThat(prompt.getText()).contains("Missing API key", "X-API-Key");
		prompt.sendKeys("dashboard-key");
		prompt.accept();
		Chromium.waiting(browser)
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-job='" + job.get("id") + "']")));
		assertThat(browser.executeScript("return localStorage.getItem('lrtune.apiKey')")).isEqualTo("dashboard-key");

		// Another page, no second prompt: the stored key is sent, and the curve arrives (by the stream while it runs).
		browser.get(url("/jobs/" + job.get("id")));
		Chromium.waiting(browser).until(ExpectedConditions.textToBe(By.id("status"), "succeeded"));
		Chromium.waiting(browser).until(d -> ((Number) browser.executeScript(DashboardBrowserTests.COUNT_PIXELS, 0x25, 0x63,
				0xeb, 40)).longValue() > 300);
		assertThat(browser.findElement(By.cssSelector(".u-title")).getText()).isEqualTo("Loss and learning rate against iteration");
		assertThat(browser.findElements(By.cssSelector(".error"))).isEmpty();
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}

}
