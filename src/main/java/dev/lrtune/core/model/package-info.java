/**
 * Models whose parameters live in ONE flat {@code double[]} and whose minibatch gradient is written into
 * one flat {@code double[]} of the same length, so an optimizer updates any model with simple contiguous
 * loops: {@code linear} (mean squared error), {@code logistic} (binary cross-entropy), {@code softmax}
 * (multi-class cross-entropy) and {@code mlp} (hidden layers with relu or tanh, head chosen by the task).
 * Built by {@link dev.lrtune.core.model.Models#create} from a {@link dev.lrtune.core.model.ModelSpec}. The
 * networks ({@code softmax}, {@code mlp}) can compute in float32 (their parameters and gradient still
 * {@code double[]}, the float32 sums written into it).
 *
 * <p>Every loss and activation calls {@link java.lang.StrictMath} and every sum has a fixed order, so a
 * model computes the same bits on every machine. Workspaces are allocated once
 * ({@link dev.lrtune.core.model.Model#ensureCapacity(int)}): the training step allocates nothing.
 */
package dev.lrtune.core.model;
