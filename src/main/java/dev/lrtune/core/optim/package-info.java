/**
 * Optimizers with PyTorch's update rules, over the flat parameter and gradient vectors of a
 * {@link dev.lrtune.core.model.Model}: {@code sgd} (momentum, Nesterov, weight decay) and {@code adam}, with
 * optional gradient clipping by global norm. Built by {@link dev.lrtune.core.optim.Optimizers#create} from
 * an {@link dev.lrtune.core.optim.OptimizerSpec}. Every update is a simple loop over contiguous arrays with
 * one index, which C2 vectorizes.
 */
package dev.lrtune.core.optim;
