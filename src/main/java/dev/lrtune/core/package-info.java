/**
 * lrtune's numerical core: the SGD core (data, models, losses, optimizers, the training loop),
 * every learning-rate schedule and the learning-rate range test.
 *
 * <p>Plain Java on purpose: no Spring, JPA or I/O, so the math can be tested and benchmarked alone
 * and the same request with the same seed gives a bit-identical curve anywhere.
 *
 * <p>An open module: a library every feature may use whole (its sub-packages are its API), which depends on no other
 * module. The annotation below only declares that; it carries no behaviour.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package dev.lrtune.core;

import org.springframework.modulith.ApplicationModule;
