package dev.lrtune.schedule;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.swagger.v3.oas.annotations.media.DiscriminatorMapping;
import io.swagger.v3.oas.annotations.media.Schema;

import dev.lrtune.core.InvalidParameterException;
import dev.lrtune.core.schedule.Schedule;

/**
 * A learning-rate schedule as a JSON object whose {@code type} names one of lrtune's schedules. Absent optional
 * fields take their documented default when the record is built; required ones stay {@code null} and are reported by Bean
 * Validation ({@code @Valid}) or, at the latest, by {@link #toSchedule(int)}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(ConstantSpec.class), @JsonSubTypes.Type(StepSpec.class),
		@JsonSubTypes.Type(MultiStepSpec.class), @JsonSubTypes.Type(ExponentialSpec.class),
		@JsonSubTypes.Type(LinearSpec.class), @JsonSubTypes.Type(PolynomialSpec.class),
		@JsonSubTypes.Type(InverseTimeSpec.class), @JsonSubTypes.Type(CosineSpec.class),
		@JsonSubTypes.Type(CosineRestartsSpec.class), @JsonSubTypes.Type(CyclicSpec.class),
		@JsonSubTypes.Type(OneCycleSpec.class), @JsonSubTypes.Type(PlateauSpec.class),
		@JsonSubTypes.Type(PiecewiseSpec.class), @JsonSubTypes.Type(WarmupSpec.class),
		@JsonSubTypes.Type(SequentialSpec.class) })
@Schema(description = "A learning-rate schedule; `type` selects which (see GET /api/v1/schedules).",
		oneOf = { ConstantSpec.class, StepSpec.class, MultiStepSpec.class, ExponentialSpec.class, LinearSpec.class,
				PolynomialSpec.class, InverseTimeSpec.class, CosineSpec.class, CosineRestartsSpec.class,
				CyclicSpec.class, OneCycleSpec.class, PlateauSpec.class, PiecewiseSpec.class, WarmupSpec.class,
				SequentialSpec.class },
		discriminatorProperty = "type",
		discriminatorMapping = { @DiscriminatorMapping(value = ConstantSpec.TYPE, schema = ConstantSpec.class),
				@DiscriminatorMapping(value = StepSpec.TYPE, schema = StepSpec.class),
				@DiscriminatorMapping(value = MultiStepSpec.TYPE, schema = MultiStepSpec.class),
				@DiscriminatorMapping(value = ExponentialSpec.TYPE, schema = ExponentialSpec.class),
				@DiscriminatorMapping(value = LinearSpec.TYPE, schema = LinearSpec.class),
				@DiscriminatorMapping(value = PolynomialSpec.TYPE, schema = PolynomialSpec.class),
				@DiscriminatorMapping(value = InverseTimeSpec.TYPE, schema = InverseTimeSpec.class),
				@DiscriminatorMapping(value = CosineSpec.TYPE, schema = CosineSpec.class),
				@DiscriminatorMapping(value = CosineRestartsSpec.TYPE, schema = CosineRestartsSpec.class),
				@DiscriminatorMapping(value = CyclicSpec.TYPE, schema = CyclicSpec.class),
				@DiscriminatorMapping(value = OneCycleSpec.TYPE, schema = OneCycleSpec.class),
				@DiscriminatorMapping(value = PlateauSpec.TYPE, schema = PlateauSpec.class),
				@DiscriminatorMapping(value = PiecewiseSpec.TYPE, schema = PiecewiseSpec.class),
				@DiscriminatorMapping(value = WarmupSpec.TYPE, schema = WarmupSpec.class),
				@DiscriminatorMapping(value = SequentialSpec.TYPE, schema = SequentialSpec.class) })
public sealed interface ScheduleSpec permits ConstantSpec, StepSpec, MultiStepSpec, ExponentialSpec, LinearSpec,
		PolynomialSpec, InverseTimeSpec, CosineSpec, CosineRestartsSpec, CyclicSpec, OneCycleSpec, PlateauSpec,
		PiecewiseSpec, WarmupSpec, SequentialSpec {

	/** The default {@code interval}: steps are optimizer iterations. */
	String DEFAULT_INTERVAL = Specs.ITERATION;

	/** The {@code type} this spec is written under, e.g. {@code cosine_restarts}. */
	String type();

	/** {@code iteration} or {@code epoch}. */
	String interval();

	/**
	 * The schedule this spec describes, checking every parameter: a fresh instance each call (a {@code plateau}
	 * is stateful).
	 * @param iterationsPerEpoch the iterations in one epoch, used by {@code interval = epoch}; pass 1 when the steps
	 * are already epochs (a preview with no dataset)
	 * @throws InvalidParameterException naming the offending field by its JSON path ({@code then.tMax},
	 * {@code schedules[1].stepSize})
	 * @throws IllegalArgumentException when a schedule counts epochs and {@code iterationsPerEpoch < 1}
	 */
	Schedule toSchedule(int iterationsPerEpoch);

}
