package dev.lrtune.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PagesTests {

	@Test
	void pagesAreTheTotalDividedByTheSizeRoundedUp() {
		assertThat(Pages.count(0, 20)).isZero();
		assertThat(Pages.count(1, 20)).isEqualTo(1);
		assertThat(Pages.count(20, 20)).isEqualTo(1);
		assertThat(Pages.count(21, 20)).isEqualTo(2);
		assertThat(Pages.count(1_000_000, 1)).isEqualTo(1_000_000);
	}

	@Test
	void aSizeBelowOneIsRefused() {
		assertThatThrownBy(() -> Pages.count(5, 0)).isInstanceOf(IllegalArgumentException.class);
	}

}
