package dev.lrtune.db;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Ids from a database sequence, a block at a time (a pooled allocator): one sequence call serves {@code block}
 * inserts, and inserts can be batched. The sequence's {@code INCREMENT BY} must equal {@code block}, so that the
 * blocks of several instances never overlap.
 */
public final class PooledIds {

	private final JdbcTemplate jdbc;

	private final String sequence;

	private final int block;

	private String nextValueSql;

	private long next;

	private long limit;

	public PooledIds(JdbcTemplate jdbc, String sequence, int block) {
		this.jdbc = jdbc;
		this.sequence = sequence;
		this.block = block;
	}

	/** A fresh id: the next of this instance's block, or the first of a new one. */
	public synchronized long next() {
		if (next == limit) {
			if (nextValueSql == null) {
				nextValueSql = new DatabaseProduct(jdbc).postgres() ? "SELECT nextval('" + sequence + "')"
						: "SELECT NEXT VALUE FOR " + sequence;
			}
			next = jdbc.queryForObject(nextValueSql, Long.class);
			limit = next + block;
		}
		return next++;
	}

}
