package dev.lrtune.schedule;

import java.util.List;

import org.springframework.stereotype.Service;

import dev.lrtune.core.InvalidParameterException;
import dev.lrtune.core.schedule.Schedule;
import dev.lrtune.web.InvalidRequestException;

/**
 * Evaluates a schedule the way the trainer drives it: the rate for step k is read before step k, and a
 * validation loss measured at the end of step k is observed after it. So {@code lr[k]} of a plateau
 * schedule depends on {@code metrics[0…k−1]}, exactly as in a training job.
 */
@Service
class SchedulePreview {

	private final ScheduleSettings settings;

	SchedulePreview(ScheduleSettings settings) {
		this.settings = settings;
	}

	PreviewResponse preview(PreviewRequest request) {
		int steps = request.steps();
		if (steps > settings.maxPreviewSteps()) {
			throw new InvalidRequestException("steps",
					"at most " + settings.maxPreviewSteps() + " steps can be previewed, " + steps + " were asked");
		}
		Schedule schedule = build(request);
		List<Double> metrics = checkedMetrics(request, schedule);
		double[] lr = new double[steps];
		Double[] momentum = schedule.cyclesMomentum() ? new Double[steps] : null;
		for (int k = 0; k < steps; k++) {
			lr[k] = schedule.lr(k);
			if (momentum != null) {
				double m = schedule.momentum(k);
				momentum[k] = Double.isNaN(m) ? null : m;
			}
			Double metric = metrics == null ? null : metrics.get(k);
			if (metric != null) {
				schedule.observe(k, metric);
			}
		}
		return new PreviewResponse(lr, momentum);
	}

	private static Schedule build(PreviewRequest request) {
		int iterationsPerEpoch = request.iterationsPerEpoch() == null ? 1 : request.iterationsPerEpoch();
		try {
			return request.schedule().toSchedule(iterationsPerEpoch);
		}
		catch (InvalidParameterException ex) {
			throw ex.under("schedule");
		}
	}

	private static List<Double> checkedMetrics(PreviewRequest request, Schedule schedule) {
		List<Double> metrics = request.metrics();
		if (!schedule.isMetricDriven()) {
			return null; // pure functions of the step ignore observations
		}
		if (metrics == null || metrics.size() != request.steps()) {
			throw new InvalidRequestException("metrics", "a schedule driven by the validation loss needs one metric per step ("
					+ request.steps() + " entries, null where no evaluation happened), got "
					+ (metrics == null ? "none" : metrics.size()));
		}
		for (int k = 0; k < metrics.size(); k++) {
			Double m = metrics.get(k);
			if (m != null && !Double.isFinite(m)) {
				throw new InvalidRequestException("metrics[" + k + "]", "must be a finite number or null");
			}
		}
		return metrics;
	}

}
