/**
 * The training loop: {@link dev.lrtune.core.train.Trainer} runs a {@link dev.lrtune.core.model.Model} with
 * an {@link dev.lrtune.core.optim.Optimizer} under a {@link dev.lrtune.core.schedule.Schedule} over seeded,
 * reshuffled minibatches, reports every iteration and every validation measurement to a
 * {@link dev.lrtune.core.train.TrainingListener}, and stops on divergence, cancellation or the listener's
 * request. Used by training jobs, the range test and the studies alike.
 */
package dev.lrtune.core.train;
