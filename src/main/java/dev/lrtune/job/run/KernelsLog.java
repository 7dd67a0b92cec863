package dev.lrtune.job.run;

import dev.lrtune.core.model.Models;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Says once, at startup, which kernels the models train with. The fast ones need the JVM option
 * {@code --add-modules=jdk.incubator.vector} (the build gives it to {@code spring-boot:run}, the tests and the
 * container image); a plain {@code java -jar} cannot get it from the jar, so it is told here how to.
 */
@Component
class KernelsLog {

	private static final Logger log = LoggerFactory.getLogger(KernelsLog.class);

	@EventListener(ApplicationReadyEvent.class)
	void report() {
		if (Models.vectorKernelsNeedTheModule()) {
			log.warn("Model kernels: {}. For the vector kernels (faster training, the same results): "
					+ "java --add-modules=jdk.incubator.vector -jar ..., or JDK_JAVA_OPTIONS=--add-modules=jdk.incubator.vector",
					Models.kernels());
		}
		else {
			log.info("Model kernels: {}", Models.kernels());
		}
	}

}
