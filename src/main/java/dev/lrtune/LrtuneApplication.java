package dev.lrtune;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class LrtuneApplication {

	public static void main(String[] args) {
		SpringApplication.run(LrtuneApplication.class, args);
	}

}
