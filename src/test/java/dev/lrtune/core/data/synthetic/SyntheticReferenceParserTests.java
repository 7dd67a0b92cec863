package dev.lrtune.core.data.synthetic;

import dev.lrtune.core.InvalidParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyntheticReferenceParserTests {

	@Test
	void readsEveryParameter() {
		SyntheticSpec spec = SyntheticSpec.parse("synthetic:blobs?samples=500&features=3&classes=5&noise=0.5&seed=9");

		assertThat(spec).isEqualTo(new SyntheticSpec(Generator.BLOBS, 500, 3, 5, 0.5, 9));
	}

	@Test
	void fillsAbsentParametersWithTheGeneratorsDefaults() {
		assertThat(SyntheticSpec.parse("synthetic:moons?samples=1000&noise=0.2&seed=7"))
			.isEqualTo(new SyntheticSpec(Generator.MOONS, 1000, 2, 2, 0.2, 7));
		assertThat(SyntheticSpec.parse("synthetic:xor")).isEqualTo(SyntheticSpec.defaults(Generator.XOR));
	}

	@Test
	void acceptsTheFixedClassCountOfATwoClassGenerator() {
		assertThat(SyntheticSpec.parse("synthetic:circles?classes=2").classes()).isEqualTo(2);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
		"synthetic:swirls?samples=10                  | generator",
		"synthetic:moons?sample=10                    | sample",
		"synthetic:moons?samples=ten                  | samples",
		"synthetic:moons?samples=10&samples=20        | samples",
		"synthetic:moons?noise=                       | noise",
		"synthetic:moons?noise                        | noise",
		"synthetic:moons?noise=NaN                    | noise",
		"synthetic:moons?noise=0x1p3                  | noise",
		"synthetic:moons?seed=1.5                     | seed",
		"synthetic:moons?classes=3                    | classes",
		"synthetic:linear?classes=2                   | classes",
		"synthetic:spirals?features=1                 | features",
		"synthetic:moons?samples=10&&seed=1           | dataset",
		"moons?samples=10                             | dataset",
	})
	void rejectsABadReferenceNamingTheParameter(String reference, String parameter) {
		assertThatThrownBy(() -> SyntheticSpec.parse(reference))
			.isInstanceOfSatisfying(InvalidParameterException.class, ex -> assertThat(ex.parameter()).isEqualTo(parameter));
	}

	@Test
	void listsTheKnownGeneratorsWhenTheNameIsUnknown() {
		assertThatThrownBy(() -> SyntheticSpec.parse("synthetic:swirls"))
			.hasMessageContaining("linear, blobs, moons, circles, spirals, xor");
	}

}
