package dev.lrtune.job.run;

import org.springframework.stereotype.Component;

import dev.lrtune.core.InvalidParameterException;
import dev.lrtune.core.data.SplitDataset;
import dev.lrtune.core.model.Model;
import dev.lrtune.core.model.Models;
import dev.lrtune.core.optim.Optimizer;
import dev.lrtune.core.optim.Optimizers;
import dev.lrtune.core.schedule.Schedule;
import dev.lrtune.core.train.Trainer;
import dev.lrtune.core.train.TrainingResult;
import dev.lrtune.core.train.TrainingSettings;
import dev.lrtune.core.train.TrainingStatus;
import dev.lrtune.job.JobRequest;
import dev.lrtune.job.JobResult;
import dev.lrtune.job.JobStatus;
import dev.lrtune.job.JobType;
import dev.lrtune.job.TrainingRequest;

/** A {@code training} job: the core {@link Trainer} under the request's schedule. */
@Component
class TrainingExecution implements JobExecution {

	@Override
	public JobType type() {
		return JobType.TRAINING;
	}

	@Override
	public Outcome run(JobRequest request, long totalIterations, LocalRun run) {
		TrainingRequest training = request.training();
		long seed = request.seed();
		SplitDataset data = run.data();
		int iterationsPerEpoch = (int) TrainingSettings.iterationsPerEpoch(data.train().rows(), request.batchSize());
		Schedule schedule = schedule(training, iterationsPerEpoch);
		Model model = Models.create(request.model().toSpec(), data.train().task(), data.train().cols(), seed);
		Optimizer optimizer = Optimizers.create(request.optimizer().toSpec(), model.parameterCount());
		TrainingSettings settings = new TrainingSettings(request.batchSize(), totalIterations, training.evaluateEvery(),
				seed);
		LowestValidation lowest = new LowestValidation(run.recorder(schedule.cyclesMomentum()));
		TrainingResult result = new Trainer(model, optimizer, schedule, settings).run(data, lowest, run.stopSignal());
		return new Outcome(status(result.status()), result(result, lowest));
	}

	private static Schedule schedule(TrainingRequest training, int iterationsPerEpoch) {
		try {
			return training.schedule().toSchedule(iterationsPerEpoch);
		}
		catch (InvalidParameterException ex) {
			throw ex.under("training.schedule");
		}
	}

	private static JobStatus status(TrainingStatus status) {
		return switch (status) {
			case COMPLETED -> JobStatus.SUCCEEDED;
			case DIVERGED -> JobStatus.DIVERGED;
			case STOPPED -> JobStatus.CANCELLED;
		};
	}

	static JobResult result(TrainingResult result, LowestValidation lowest) {
		return new JobResult(result.iterations(), JobResult.finiteOrNull(result.lastLoss()),
				JobResult.finiteOrNull(result.bestLoss()), JobResult.finiteOrNull(result.validationLoss()),
				JobResult.finiteOrNull(result.validationAccuracy()), lowest.loss(), lowest.iteration(), null, null, null);
	}

}
