package dev.lrtune.job.queue;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.lrtune.job.run.WarmUp;

/**
 * Once the application is ready, runs the {@link WarmUp} in one background daemon thread, once per JVM: compiled
 * code is the JVM's, so a second application context in the same process (a test suite's) finds it compiled. Only
 * an instance that runs jobs warms up ({@code lrtune.workers.enabled}); readiness and health never wait for it, and
 * the first job a worker claims stops it ({@link Workers}). It logs one line when it ends.
 */
@Component
class StartupWarmUp {

	private static final Logger log = LoggerFactory.getLogger(StartupWarmUp.class);

	/** Whether a warm-up was started in this JVM. */
	private static final AtomicBoolean STARTED_IN_THIS_JVM = new AtomicBoolean();

	static final String THREAD_NAME = "lrtune-warm-up";

	private final WarmUp warmUp;

	private final WarmUpSettings settings;

	private final WorkerSettings workerSettings;

	private final AtomicBoolean started;

	private volatile Thread thread;

	@Autowired
	StartupWarmUp(WarmUp warmUp, WarmUpSettings settings, WorkerSettings workerSettings) {
		this(warmUp, settings, workerSettings, STARTED_IN_THIS_JVM);
	}

	/** @param started the once-per-JVM guard (a test's own, to start a warm-up again) */
	StartupWarmUp(WarmUp warmUp, WarmUpSettings settings, WorkerSettings workerSettings, AtomicBoolean started) {
		this.warmUp = warmUp;
		this.settings = settings;
		this.workerSettings = workerSettings;
		this.started = started;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		if (!settings.enabled() || !workerSettings.enabled() || settings.rounds() < 1 || !started.compareAndSet(false, true)) {
			return;
		}
		Thread warming = new Thread(this::warmUp, THREAD_NAME);
		warming.setDaemon(true);
		thread = warming;
		warming.start();
	}

	private void warmUp() {
		try {
			WarmUp.Report report = warmUp.run(settings.rounds());
			log.info("Warm-up {}: {} small jobs, {} iterations, {} passes over a small dataset's path, in {} ms ({} ms of CPU)",
					report.stopped() ? "stopped by a job" : "done", report.runs(), report.iterations(), report.dataPaths(),
					report.millis(), report.cpuMillis());
		}
		catch (RuntimeException ex) {
			log.warn("Warm-up failed; the first jobs compile their code themselves: {}", ex.toString());
		}
	}

	/** Whether a warm-up was started in this JVM (by any application context). */
	static boolean startedInThisJvm() {
		return STARTED_IN_THIS_JVM.get();
	}

	/** The warm-up's thread, {@code null} when this instance started none. */
	Thread thread() {
		return thread;
	}

}
