package dev.lrtune.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class PooledIdsTests {

	@Test
	void twoAllocatorsOnOneSequenceHandOutConsecutiveBlocksThatNeverOverlap() {
		JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource("jdbc:h2:mem:pooled-ids;DB_CLOSE_DELAY=-1"));
		jdbc.execute("CREATE SEQUENCE things_seq START WITH 1 INCREMENT BY 3");
		PooledIds a = new PooledIds(jdbc, "things_seq", 3);
		PooledIds b = new PooledIds(jdbc, "things_seq", 3);

		// a takes 1..3, b takes 4..6, a's next block is 7..9
		assertThat(List.of(a.next(), b.next(), a.next(), a.next(), a.next(), b.next()))
			.containsExactly(1L, 4L, 2L, 3L, 7L, 5L);
		Set<Long> seen = new HashSet<>();
		List<Long> more = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			more.add(i % 3 == 0 ? b.next() : a.next());
		}
		assertThat(more).allMatch(seen::add).doesNotContain(1L, 2L, 3L, 4L, 5L, 7L);
	}

}
