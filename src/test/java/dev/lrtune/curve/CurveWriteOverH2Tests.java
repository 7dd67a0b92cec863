package dev.lrtune.curve;

import org.springframework.boot.test.context.SpringBootTest;

/** {@link CurveWriteOverScenarios} on H2. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
		"spring.datasource.url=jdbc:h2:mem:curve-write-over;DB_CLOSE_DELAY=-1", "lrtune.workers.enabled=false" })
class CurveWriteOverH2Tests extends CurveWriteOverScenarios {

}
