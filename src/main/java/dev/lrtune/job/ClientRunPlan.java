package dev.lrtune.job;

import java.util.ArrayList;
import java.util.List;

import dev.lrtune.core.schedule.Schedule;
import dev.lrtune.curve.ValidationPoint;

/**
 * The rates a client-run job asks the client to use: a range test's ramp, or a training job's schedule counted in
 * iterations. A {@code plateau} (alone or nested) depends on the validation losses, so its next rate is found by
 * replaying every posted validation loss through a fresh schedule, as the trainer feeds it during a server job: the
 * loss measured at the end of iteration k decides the rate from k + 1 on.
 */
final class ClientRunPlan {

	/** The longest plan a job's body carries. */
	static final int MAX_PLAN_LENGTH = 100_000;

	private final JobRequest request;

	private ClientRunPlan(JobRequest request) {
		this.request = request;
	}

	/** The plan of a resolved client-run request. */
	static ClientRunPlan of(JobRequest request) {
		return new ClientRunPlan(request);
	}

	/** Iterations the job runs. */
	long iterations() {
		return request.rangeTest() != null ? request.rangeTest().iterations() : request.training().iterations();
	}

	/** Whether the rates depend on the posted validation losses. */
	boolean dependsOnValidation() {
		return schedule().isMetricDriven();
	}

	/** Every iteration's rate, or {@code null} when it depends on validation losses or is too long to send. */
	List<Double> rates() {
		long iterations = iterations();
		Schedule schedule = schedule();
		if (schedule.isMetricDriven() || iterations > MAX_PLAN_LENGTH) {
			return null;
		}
		List<Double> rates = new ArrayList<>((int) iterations);
		for (long k = 0; k < iterations; k++) {
			rates.add(schedule.lr(k));
		}
		return rates;
	}

	/**
	 * The rate of iteration {@code iteration} given the validation losses posted so far (in iteration order); those at
	 * or after it cannot have decided it yet and are left out.
	 */
	double rate(long iteration, List<ValidationPoint> validations) {
		Schedule schedule = schedule();
		if (schedule.isMetricDriven()) {
			for (ValidationPoint point : validations) {
				if (point.iteration() < iteration) {
					schedule.observe(point.iteration(), point.loss());
				}
			}
		}
		return schedule.lr(iteration);
	}

	/** A fresh schedule (a plateau is stateful). */
	private Schedule schedule() {
		if (request.rangeTest() != null) {
			return request.rangeTest().toOptions().ramp();
		}
		// client-run schedules step in iterations (epoch intervals are refused), so the epoch length is never used
		return request.training().schedule().toSchedule(1);
	}

}
