package dev.lrtune.job.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** {@code lrtune.instance-id}: what names this instance's workers. */
class InstanceSettingsTests {

	@Test
	void withoutAnIdTheInstanceIsNamedAfterItsHostAndProcess() {
		InstanceSettings settings = bind(Map.of());
		assertThat(settings.instanceId()).endsWith("-" + ProcessHandle.current().pid()).doesNotStartWith("-");
		assertThat(bind(Map.of()).instanceId()).isEqualTo(settings.instanceId());
		assertThat(settings.worker(1)).isEqualTo(settings.instanceId() + "/1");
	}

	@Test
	void theIdComesFromTheEnvironmentVariableOfDockerCompose() {
		InstanceSettings settings = bind(Map.of("LRTUNE_INSTANCE_ID", " lrtune-b "));
		assertThat(settings.instanceId()).isEqualTo("lrtune-b");
		assertThat(settings.worker(0)).isEqualTo("lrtune-b/0");
	}

	private static InstanceSettings bind(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					variables));
		return Binder.get(environment).bindOrCreate("lrtune", InstanceSettings.class);
	}

}
