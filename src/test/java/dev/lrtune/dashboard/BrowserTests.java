package dev.lrtune.dashboard;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;

/**
 * What the browser tests share: the JVM's one headless Chromium (skipped with a message without Chromium), left clean
 * after each class, the application's address, and typing into a form field.
 */
@ExtendWith(Chromium.Installed.class)
abstract class BrowserTests {

	static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	static ChromeDriver browser;

	/** The origins this class's pages came from, whose cookies and storage are deleted after it. */
	private static final Set<String> ORIGINS = new LinkedHashSet<>();

	@LocalServerPort
	int port;

	@BeforeAll
	static void startBrowser() {
		browser = Chromium.shared();
	}

	@AfterAll
	static void cleanBrowser() {
		if (browser != null) {
			Chromium.clean(browser, ORIGINS);
			ORIGINS.clear();
			browser = null;
		}
	}

	/** Replaces the text of the input with that id. */
	void type(String id, String text) {
		WebElement input = browser.findElement(By.id(id));
		input.clear();
		input.sendKeys(text);
	}

	String url(String path) {
		ORIGINS.add("http://localhost:" + port);
		return "http://localhost:" + port + path;
	}

}
