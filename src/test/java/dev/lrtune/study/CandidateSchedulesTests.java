package dev.lrtune.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import dev.lrtune.core.rangetest.Recommendation;
import dev.lrtune.core.rangetest.Recommendation.CyclicBounds;
import dev.lrtune.core.schedule.Schedule;
import dev.lrtune.schedule.ConstantSpec;
import dev.lrtune.schedule.CosineRestartsSpec;
import dev.lrtune.schedule.CyclicSpec;
import dev.lrtune.schedule.ExponentialSpec;
import dev.lrtune.schedule.LinearSpec;
import dev.lrtune.schedule.OneCycleSpec;
import dev.lrtune.schedule.PlateauSpec;
import dev.lrtune.schedule.ScheduleSpec;
import dev.lrtune.schedule.StepSpec;

/**
 * The generated candidates for a finder that recommends 0.1 with cyclic bounds [0.05, 0.2], over a budget of
 * 2,800 iterations and 100 evaluations; each rate checked at hand-picked steps against the closed forms.
 */
class CandidateSchedulesTests {

	private static final Offset<Double> CLOSE = within(1e-12);

	private static final Recommendation FINDER = new Recommendation(0.1, Recommendation.MINIMUM, null, List.of(), 0.2, 1.0,
			new CyclicBounds(0.05, 0.2), null, null);

	private final List<ScheduleSpec> candidates = CandidateSchedules.from(FINDER, 2800, 100);

	@Test
	void oneCandidatePerFamilyInTheOrderOfTheSpec() {
		assertThat(candidates).extracting(ScheduleSpec::type).containsExactly("constant", "step", "exponential", "linear",
				"plateau", "cyclic", "cosine_restarts", "one_cycle");
	}

	@Test
	void theConstantTrainsAtTheRecommendedRate() {
		assertThat(candidates.get(0)).isEqualTo(new ConstantSpec(0.1, null));
		assertThat(lr(0, 0)).isEqualTo(0.1);
		assertThat(lr(0, 2799)).isEqualTo(0.1);
	}

	@Test
	void theDecayingOnesStartAtTheRecommendedRateAndEndTwoDecadesLower() {
		// step: ×0.1 every ⌈2800/3⌉ = 934 steps → 0.1, 0.01, 0.001
		assertThat(candidates.get(1)).isEqualTo(new StepSpec(0.1, 0.1, 934, null));
		assertThat(lr(1, 933)).isCloseTo(0.1, CLOSE);
		assertThat(lr(1, 934)).isCloseTo(0.01, CLOSE);
		assertThat(lr(1, 2799)).isCloseTo(0.001, CLOSE);
		// exponential: 0.1·0.01^(k/2800)
		assertThat(candidates.get(2)).isEqualTo(new ExponentialSpec(0.1, 0.01, 2800, false, null));
		assertThat(lr(2, 1400)).isCloseTo(0.01, CLOSE);
		assertThat(lr(2, 2799)).isCloseTo(0.1 * Math.pow(0.01, 2799.0 / 2800), CLOSE);
		// linear to ε_τ = 1 % of ε_0 at τ = the budget
		assertThat(candidates.get(3)).isEqualTo(new LinearSpec(0.1, 0.001, 2800, null));
		assertThat(lr(3, 1400)).isCloseTo(0.0505, CLOSE);
		// plateau: ×0.1 after 100/10 = 10 evaluations without improvement, never below 0.001
		assertThat(candidates.get(4)).isEqualTo(new PlateauSpec(0.1, null, 0.1, 10, null, null, null, 0.001, null, null));
		// SGDR: cycles of 400, 800, 1600 steps end at 2800; cosine from 0.1 to 0.001 within each
		assertThat(candidates.get(6)).isEqualTo(new CosineRestartsSpec(0.1, 0.001, 400, 2, null));
		assertThat(lr(6, 200)).isCloseTo(0.0505, CLOSE);
		assertThat(lr(6, 400)).isCloseTo(0.1, CLOSE);
		assertThat(lr(6, 1200)).isCloseTo(0.1, CLOSE);
		assertThat(lr(6, 2000)).isCloseTo(0.0505, CLOSE);
	}

	@Test
	void theCyclicOnesSpanTheFindersBounds() {
		// four whole triangles of 2·350 steps between 0.05 and 0.2
		assertThat(candidates.get(5)).isEqualTo(new CyclicSpec(0.05, 0.2, 350, null, "triangular", null, null, null, null,
				null));
		assertThat(lr(5, 0)).isCloseTo(0.05, CLOSE);
		assertThat(lr(5, 350)).isCloseTo(0.2, CLOSE);
		assertThat(lr(5, 700)).isCloseTo(0.05, CLOSE);
		assertThat(lr(5, 2450)).isCloseTo(0.2, CLOSE);
		// 1cycle peaks at maxLr after 30 % of the budget (PyTorch's pct_start), from maxLr/25
		assertThat(candidates.get(7)).isEqualTo(new OneCycleSpec(0.2, 2800, null, null, null, null, null, null, null, null,
				null));
		assertThat(lr(7, 0)).isCloseTo(0.2 / 25, CLOSE);
		assertThat(lr(7, 839)).isCloseTo(0.2, CLOSE);
	}

	@Test
	void thePlateauPatienceIsATenthOfTheEvaluationsBetweenOneAndTen() {
		assertThat(CandidateSchedules.plateauPatience(100)).isEqualTo(10);
		assertThat(CandidateSchedules.plateauPatience(1000)).isEqualTo(10);
		assertThat(CandidateSchedules.plateauPatience(40)).isEqualTo(4);
		assertThat(CandidateSchedules.plateauPatience(5)).isEqualTo(1);
		assertThat(CandidateSchedules.plateauPatience(1)).isEqualTo(1);
	}

	private double lr(int candidate, long step) {
		Schedule schedule = candidates.get(candidate).toSchedule(1);
		return schedule.lr(step);
	}

}
