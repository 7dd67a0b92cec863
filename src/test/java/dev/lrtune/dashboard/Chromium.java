package dev.lrtune.dashboard;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven by Selenium, from the Debian packages {@code chromium} and {@code chromium-driver} (which
 * {@code .ci/run} installs), or the executables named by {@code LRTUNE_CHROMIUM} and {@code LRTUNE_CHROMEDRIVER}
 * when those are set. Both paths are given explicitly, so Selenium Manager never looks anything up on the network.
 * Without them, {@link Installed} reports the tests of the class it is on as skipped, with a message saying what to
 * install, before their application is started.
 */
final class Chromium {

	/** Skips a test class, every test reported as skipped with the reason, when Chromium is not installed. */
	static final class Installed implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			return installed() ? ConditionEvaluationResult.enabled("headless Chromium found")
					: ConditionEvaluationResult.disabled(MISSING);
		}

	}

	private static final String MISSING = "Dashboard browser tests skipped: no headless Chromium (install the Debian "
			+ "packages chromium and chromium-driver, or set LRTUNE_CHROMIUM and LRTUNE_CHROMEDRIVER)";

	private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

	private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
			"/usr/bin/google-chrome");

	/** The window's size, in CSS pixels. */
	static final int WIDTH = 1280;

	static final int HEIGHT = 1100;

	/** The browser the test classes share, started by the first of them and quit when the JVM ends. */
	private static ChromeDriver shared;

	private Chromium() {
	}

	/**
	 * The JVM's one headless browser, started on first use (about a second of two processes' start-up, which each
	 * browser test class paid when it started its own), clean as a new one: no cookies, no site data of the origins
	 * it was given, a blank page of the default size. A browser that no longer answers is replaced.
	 */
	static synchronized ChromeDriver shared() {
		if (shared != null && !answers(shared)) {
			quietlyQuit(shared);
			shared = null;
		}
		if (shared == null) {
			ChromeDriver started = start();
			shared = started;
			Runtime.getRuntime().addShutdownHook(new Thread(() -> quietlyQuit(started), "chromium-quit"));
		}
		shared.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
		return shared;
	}

	/**
	 * Leaves the shared browser as a new one for the next class: an open dialog dismissed, the cookies and the
	 * storage (localStorage, where the dashboard keeps its API key) of these origins deleted, a blank page.
	 */
	static synchronized void clean(ChromeDriver browser, Iterable<String> origins) {
		try {
			browser.switchTo().alert().dismiss();
		}
		catch (NoAlertPresentException ex) {
			// none open
		}
		for (String origin : origins) {
			browser.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", origin, "storageTypes", "all"));
		}
		browser.executeCdpCommand("Network.clearBrowserCookies", Map.of());
		browser.get("about:blank");
	}

	private static boolean answers(ChromeDriver browser) {
		try {
			browser.getWindowHandle();
			return true;
		}
		catch (WebDriverException ex) {
			return false;
		}
	}

	private static void quietlyQuit(ChromeDriver browser) {
		try {
			browser.quit();
		}
		catch (WebDriverException ex) {
			// already gone
		}
	}

	static boolean installed() {
		return executable("LRTUNE_CHROMEDRIVER", DRIVERS).isPresent()
				&& executable("LRTUNE_CHROMIUM", BROWSERS).isPresent();
	}

	/** Starts a headless browser; the test is skipped when Chromium or its driver is not installed. */
	static ChromeDriver start() {
		Optional<String> driver = executable("LRTUNE_CHROMEDRIVER", DRIVERS);
		Optional<String> browser = executable("LRTUNE_CHROMIUM", BROWSERS);
		assumeTrue(driver.isPresent() && browser.isPresent(), MISSING);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver.get()))
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions().setBinary(browser.get())
			.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=" + WIDTH + "," + HEIGHT,
					"--force-device-scale-factor=1");
		return new ChromeDriver(service, options);
	}

	static WebDriverWait waiting(ChromeDriver browser) {
		// Live pages redraw their rows every second, so an element found a moment ago may be gone: look again.
		// Looked at every 50 ms rather than Selenium's 500: most waits are over within a few hundred milliseconds.
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(50));
		wait.ignoring(StaleElementReferenceException.class);
		return wait;
	}

	/** Saves what the browser shows under {@code target/}, for a person to look at. */
	static Path screenshot(ChromeDriver browser, String name) throws IOException {
		Path target = Path.of("target", name);
		Files.createDirectories(target.getParent());
		Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
		return target;
	}

	/** The executable the variable names when it is set, else the first of the candidates that exists. */
	private static Optional<String> executable(String variable, List<String> candidates) {
		String named = System.getenv(variable);
		Stream<String> paths = named == null || named.isBlank() ? candidates.stream() : Stream.of(named);
		return paths.filter(path -> Files.isExecutable(Path.of(path))).findFirst();
	}

}
