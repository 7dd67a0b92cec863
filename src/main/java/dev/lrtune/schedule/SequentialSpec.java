package dev.lrtune.schedule;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import dev.lrtune.core.schedule.Schedule;
import dev.lrtune.core.schedule.SequentialSchedule;

/** {@code sequential}: PyTorch {@code SequentialLR}. */
@JsonTypeName(SequentialSpec.TYPE)
@Schema(description = "Schedules one after another (PyTorch SequentialLR): schedules[i] runs from milestones[i-1] "
		+ "(0 for the first) and starts there at its own step 0.", example = """
				{"type": "sequential", "milestones": [100],
				 "schedules": [{"type": "linear", "lr": 0.001, "finalLr": 0.1, "decaySteps": 100},
				               {"type": "cosine", "lr": 0.1, "tMax": 900}]}""")
public record SequentialSpec(
		@Schema(description = "The schedules, in order; at least one.") @NotEmpty
		List<@NotNull @Valid ScheduleSpec> schedules,
		@Schema(description = "Steps at which the next schedule takes over: one fewer than schedules, strictly "
				+ "increasing, > 0.") @NotNull List<@NotNull @Positive Integer> milestones,
		@Schema(description = Specs.INTERVAL, defaultValue = DEFAULT_INTERVAL,
				allowableValues = { Specs.ITERATION, Specs.EPOCH }) String interval)
		implements ScheduleSpec {

	public static final String TYPE = "sequential";

	public SequentialSpec {
		schedules = Specs.copy(schedules);
		milestones = Specs.copy(milestones);
		interval = Specs.orDefault(interval, DEFAULT_INTERVAL);
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Schedule toSchedule(int iterationsPerEpoch) {
		List<Schedule> built = new ArrayList<>();
		for (int i = 0; i < Specs.required("schedules", schedules).size(); i++) {
			built.add(Specs.nested("schedules[" + i + "]", schedules.get(i), iterationsPerEpoch));
		}
		return new SequentialSchedule(built, Specs.ints("milestones", milestones),
				Specs.interval(interval).iterationsPerStep(iterationsPerEpoch));
	}

}
