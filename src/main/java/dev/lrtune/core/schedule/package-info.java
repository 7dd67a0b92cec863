/**
 * Every learning-rate schedule lrtune offers, as a small, constructor-validated {@link dev.lrtune.core.schedule.Schedule}.
 *
 * <p>Each class is the closed form of its PyTorch ({@code torch.optim.lr_scheduler}) or Keras
 * ({@code keras.optimizers.schedules}) namesake, evaluated at step {@code k} counting from 0. Parameters out of range
 * throw {@link dev.lrtune.core.InvalidParameterException} naming the parameter as the JSON contract spells it.
 *
 * <p>Interval: a leaf schedule whose steps are epochs is wrapped in {@link dev.lrtune.core.schedule.EpochInterval};
 * the composites ({@link dev.lrtune.core.schedule.WarmupSchedule}, {@link dev.lrtune.core.schedule.SequentialSchedule})
 * take the number of iterations per step instead, because they must hand their nested schedules a local step in
 * iterations.
 */
package dev.lrtune.core.schedule;
