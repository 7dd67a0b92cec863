package dev.lrtune.study;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.lrtune.core.search.AsynchronousSuccessiveHalving;
import dev.lrtune.curve.ValidationPoint;
import dev.lrtune.job.RungJudge;
import dev.lrtune.study.StudyRows.RungRow;
import dev.lrtune.study.StudyRows.StudyRow;

/**
 * Judges the client-run trials of a study at its rungs by asynchronous successive halving: the first validation loss
 * a trial posts once it has trained a rung's iterations is ranked, by the study's objective, among the values of every
 * trial that reached that rung before it and its own; outside the best {@code 1/eta} it is pruned. Each judgement is
 * recorded with its place at the rung, under the study's row lock, so that concurrent trials on any instance are judged
 * one after the other and every decision can be replayed from the table. A trial judged at a rung before (a post sent
 * again) gets the recorded decision.
 */
@Component
class TrialRungs implements RungJudge {

	private final Studies studies;

	private final StudyViews views;

	private final Clock clock;

	TrialRungs(Studies studies, StudyViews views, Clock clock) {
		this.studies = studies;
		this.views = views;
		this.clock = clock;
	}

	@Override
	public boolean prunes(TrialReport report) {
		Optional<StudyRow> locked = studies.lock(report.studyId())
			.filter(study -> study.clientRun() && study.status() == StudyStatus.RUNNING);
		Optional<Integer> candidate = locked.flatMap(study -> studies.candidateOf(study.id(), report.jobId()));
		if (candidate.isEmpty()) {
			return false;
		}
		StudyRow study = locked.get();
		StudyRequest request = views.request(study);
		List<Long> rungs = request.judgedRungs();
		List<RungRow> judged = studies.rungs(study.id());
		for (int rung = 0; rung < rungs.size(); rung++) {
			Optional<RungRow> before = find(judged, rung, candidate.get());
			if (before.isPresent()) {
				if (!before.get().promoted()) {
					return true;
				}
				continue;
			}
			Optional<ValidationPoint> point = firstAtOrAfter(report.validations(), rungs.get(rung));
			if (point.isEmpty()) {
				return false;
			}
			RungRow judgement = judge(study, rung, candidate.get(), point.get(), report.validations(), judged,
					request.strategy().eta());
			studies.insertRung(study.id(), judgement);
			if (!judgement.promoted()) {
				return true;
			}
			if (rung + 1 > study.rung()) {
				studies.setRung(study.id(), rung + 1);
			}
		}
		return false;
	}

	private RungRow judge(StudyRow study, int rung, int candidate, ValidationPoint point, List<ValidationPoint> all,
			List<RungRow> judged, int eta) {
		double value = value(study.objective(), point, all);
		List<RungRow> others = judged.stream().filter(row -> row.rung() == rung).toList();
		double[] values = new double[others.size() + 1];
		for (int i = 0; i < others.size(); i++) {
			Double other = others.get(i).value();
			values[i] = other == null ? Double.NaN : other;
		}
		values[others.size()] = value;
		boolean promoted = AsynchronousSuccessiveHalving.promotes(value, values, eta);
		return new RungRow(rung, candidate, others.size() + 1, point.iteration(), Double.isFinite(value) ? value : null,
				promoted, clock.instant());
	}

	/**
	 * The first validation point measured once {@code iterations} were trained: at the end of iteration
	 * {@code iterations − 1} or later.
	 */
	static Optional<ValidationPoint> firstAtOrAfter(List<ValidationPoint> validations, long iterations) {
		return validations.stream().filter(point -> point.iteration() >= iterations - 1).findFirst();
	}

	/** The value ranked at that point: by the objective best, the lowest finite loss so far; by last, its own loss. */
	static double value(Objective objective, ValidationPoint point, List<ValidationPoint> all) {
		if (objective == Objective.LAST) {
			return point.loss();
		}
		return all.stream().filter(p -> p.iteration() <= point.iteration() && Double.isFinite(p.loss()))
			.mapToDouble(ValidationPoint::loss).min().orElse(Double.NaN);
	}

	private static Optional<RungRow> find(List<RungRow> judged, int rung, int candidate) {
		return judged.stream().filter(row -> row.rung() == rung && row.candidate() == candidate).findFirst();
	}

}
