package dev.lrtune;

import java.util.OptionalInt;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class LrtuneApplication {

	public static void main(String[] args) {
		OptionalInt childStatus = VectorModuleRelaunch.runIfNeeded(args);
		if (childStatus.isPresent()) {
			System.exit(childStatus.getAsInt());
		}
		SpringApplication.run(LrtuneApplication.class, args);
	}

}
