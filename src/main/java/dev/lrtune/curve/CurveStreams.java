package dev.lrtune.curve;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Service;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.lrtune.db.DatabaseOutages;

/**
 * Streams a job's curve as server-sent events, read from the database so that it works whichever instance
 * runs the job. One small shared scheduler polls the curve store for every open stream (no thread per
 * client): each poll sends the points stored since the last one as {@code event: points} (a {@link CurveView}
 * of raw points and the evaluations among them), and once the job has finished, a last
 * {@code event: status} and completes. The status is read before the points: a job's last points are
 * committed with its final status, so a finished status means every point has been seen.
 */
@Service
class CurveStreams implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(CurveStreams.class);

	private final Curves curves;

	private final CurveOwners owners;

	private final CurveSettings curveSettings;

	private final CurveStreamSettings settings;

	private final ScheduledExecutorService scheduler;

	CurveStreams(Curves curves, CurveOwners owners, CurveSettings curveSettings, CurveStreamSettings settings) {
		this.curves = curves;
		this.owners = owners;
		this.curveSettings = curveSettings;
		this.settings = settings;
		CustomizableThreadFactory threads = new CustomizableThreadFactory("curve-stream-");
		threads.setDaemon(true);
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, threads);
		executor.setRemoveOnCancelPolicy(true);
		this.scheduler = executor;
	}

	/** Opens a stream of the job's curve; a 404 problem when there is no such job. */
	SseEmitter open(long jobId) {
		if (owners.status(jobId).isEmpty()) {
			throw CurveQuery.notFound(jobId);
		}
		SseEmitter emitter = new SseEmitter(settings.timeout().toMillis());
		Subscription subscription = new Subscription(jobId, emitter);
		emitter.onCompletion(subscription::stop);
		emitter.onTimeout(subscription::stop);
		emitter.onError(error -> subscription.stop());
		subscription.start(scheduler.scheduleWithFixedDelay(subscription::poll, 0,
				settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS));
		return emitter;
	}

	@Override
	public void destroy() {
		scheduler.shutdownNow();
	}

	/** The body of the last event, {@code status}. */
	record FinalStatus(long id, String status) {
	}

	/** One open stream: what it has sent so far. Only the scheduler thread polls it. */
	private final class Subscription {

		private final long jobId;

		private final SseEmitter emitter;

		private long nextIteration;

		private volatile boolean stopped;

		private volatile ScheduledFuture<?> polling;

		Subscription(long jobId, SseEmitter emitter) {
			this.jobId = jobId;
			this.emitter = emitter;
		}

		void start(ScheduledFuture<?> future) {
			polling = future;
			if (stopped) {
				future.cancel(false);
			}
		}

		void stop() {
			stopped = true;
			ScheduledFuture<?> future = polling;
			if (future != null) {
				future.cancel(false);
			}
		}

		void poll() {
			if (stopped) {
				return;
			}
			try {
				Optional<CurveOwners.OwnerStatus> status = owners.status(jobId);
				sendNewPoints();
				if (status.isEmpty()) {
					stop();
					emitter.complete();
				}
				else if (status.get().finished()) {
					emitter.send(SseEmitter.event().name("status")
						.data(new FinalStatus(jobId, status.get().name()), MediaType.APPLICATION_JSON));
					stop();
					emitter.complete();
				}
			}
			catch (IOException ex) {
				stop(); // the client went away; the container completes the emitter
			}
			catch (RuntimeException ex) {
				if (DatabaseOutages.isOutage(ex)) {
					return; // the database is restarting: the stream stays open, and the next poll carries on
				}
				log.warn("Streaming the curve of job {} failed", jobId, ex);
				stop();
				emitter.completeWithError(ex);
			}
		}

		/**
		 * Sends the points stored from {@code nextIteration} on, in events of at most
		 * {@code lrtune.curves.max-points}. A job re-run from the start (after its worker vanished) rewrites the
		 * same points (same request, same seed), so the stream carries on where it was.
		 */
		private void sendNewPoints() throws IOException {
			long stored = curves.pointCount(jobId);
			while (nextIteration < stored && !stopped) {
				long last = Math.min(stored - 1, nextIteration + curveSettings.maxPoints() - 1);
				RawCurve raw = curves.read(jobId, nextIteration, last);
				List<ValidationPoint> validations = curves.validations(jobId, nextIteration, last);
				CurveView view = CurveQuery.view(CurvePoints.of(raw, CurveQuery.all(raw.size())), raw.size(), false, null,
						validations);
				emitter.send(SseEmitter.event().name("points").data(view, MediaType.APPLICATION_JSON));
				nextIteration = last + 1;
			}
		}

	}

}
